import Foundation

/// The findings of an earlier scan, by fingerprint (`tollgate baseline create` writes it;
/// `--baseline FILE` reads it). Findings whose fingerprint is in the baseline are
/// `unchanged` (status `baselined`, not gating); others are `new`; baseline findings that no
/// longer occur are reported as fixed (`ScanResult.resolved`).
package struct Baseline: Codable, Hashable, Sendable {
    package var version: Int
    package var createdAt: String
    package var findings: [Finding]

    package init(createdAt: String, findings: [Finding]) {
        self.version = 1
        self.createdAt = createdAt
        // Only open and previously baselined findings belong in a baseline; suppressed ones
        // are waived by their suppression, which carries its own expiry.
        self.findings = findings.filter { $0.status != .suppressed }.map { f in
            var f = f
            f.status = .open
            f.baselineState = nil
            f.suppression = nil
            return f
        }.sorted { $0.fingerprint < $1.fingerprint }
    }

    package func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(self)
    }

    package static func decode(_ data: Data) throws -> Baseline {
        try JSONDecoder().decode(Baseline.self, from: data)
    }

    /// Marks `findings` against the baseline and returns the baseline findings that are fixed.
    package func apply(to findings: inout [Finding]) -> [Finding] {
        let known = Set(self.findings.map(\.fingerprint))
        var seen: Set<String> = []
        for i in findings.indices {
            let fp = findings[i].fingerprint
            seen.insert(fp)
            if known.contains(fp) {
                findings[i].baselineState = .unchanged
                if findings[i].status == .open { findings[i].status = .baselined }
            } else {
                findings[i].baselineState = .new
            }
        }
        return self.findings.filter { !seen.contains($0.fingerprint) }.map { f in
            var f = f
            f.baselineState = .absent
            return f
        }
    }
}
