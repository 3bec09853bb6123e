import Policy

/// The counts and the verdict every reporter shows, computed once per render from a result,
/// so the console, Markdown, JSON and JUnit reports cannot disagree on a number.
package struct ScanSummary: Encodable, Hashable, Sendable {
    package struct FindingCounts: Encodable, Hashable, Sendable {
        /// Open findings by severity (`critical` … `info`); every severity is present.
        package var open: [String: Int]
        package var openTotal: Int
        package var suppressed: Int
        package var baselined: Int
        /// Open findings at or above `failOn`.
        package var gating: Int
        /// Findings of the baseline that no longer occur.
        package var resolved: Int
    }

    package var exitCode: Int32
    /// `pass` (exit 0) or `fail` (exit 1 or 2).
    package var verdict: String
    /// Why the exit code is what it is, in one sentence.
    package var reason: String
    package var findings: FindingCounts
    package var undetermined: Int
    /// Asset × policy checks that passed (sum of the tallies).
    package var passedChecks: Int
    package var coverageGaps: Int
    package var notices: Int

    package init(_ result: ScanResult) {
        var open: [Severity: Int] = [:]
        var suppressed = 0, baselined = 0, gating = 0
        for f in result.findings {
            switch f.status {
            case .open:
                open[f.severity, default: 0] += 1
                if let gate = result.failOn, f.severity >= gate { gating += 1 }
            case .suppressed: suppressed += 1
            case .baselined: baselined += 1
            }
        }
        let openTotal = open.values.reduce(0, +)
        findings = FindingCounts(
            open: Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, open[$0] ?? 0) }),
            openTotal: openTotal, suppressed: suppressed, baselined: baselined, gating: gating,
            resolved: result.resolved.count)
        undetermined = result.undetermined.count
        passedChecks = result.tallies.reduce(0) { $0 + $1.passed }
        coverageGaps = result.coverage.count
        notices = result.notices.count
        exitCode = result.exitCode
        verdict = exitCode == 0 ? "pass" : "fail"

        // The order of the checks mirrors `ScanResult.exitCode`: coverage first (fail closed).
        if !result.coverage.isEmpty {
            reason = "\(plural(result.coverage.count, "coverage gap")): part of the input could not be read or evaluated, so the scan fails closed"
        } else if let gate = result.failOn {
            if gating > 0 {
                let parts = Severity.allCases.filter { $0 >= gate && (open[$0] ?? 0) > 0 }.map { "\(open[$0]!) \($0.rawValue)" }
                reason = "\(plural(gating, "open finding")) at or above \(gate.rawValue) (\(parts.joined(separator: ", ")))"
            } else {
                reason = "no open findings at or above \(gate.rawValue)"
            }
        } else {
            reason = "--fail-on none: findings do not fail the scan"
        }
    }

    /// Open findings of one severity.
    package func open(_ severity: Severity) -> Int { findings.open[severity.rawValue] ?? 0 }
}

/// `1 finding`, `3 findings`.
package func plural(_ n: Int, _ noun: String) -> String {
    n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
}
