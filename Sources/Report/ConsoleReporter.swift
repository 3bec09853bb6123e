import Foundation
import HCL
import Policy

/// The terminal report: open findings grouped per file, then waivers, undetermined checks,
/// coverage gaps and notices, a summary line and the exit code with its reason.
///
/// `quiet` keeps only what fails the scan: open findings at or above the gate, coverage gaps,
/// the summary and the verdict.
public struct ConsoleReporter: Reporter {
    public var format: ReportFormat { .console }
    public var color: Bool
    public var quiet: Bool

    public init(color: Bool = false, quiet: Bool = false) {
        self.color = color
        self.quiet = quiet
    }

    /// Color only on a terminal, never with `NO_COLOR` set to anything non-empty
    /// (https://no-color.org) or with `TERM=dumb`.
    public static func wantsColor(environment: [String: String] = ProcessInfo.processInfo.environment,
                                  isTerminal: Bool = isatty(STDOUT_FILENO) == 1) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isTerminal
    }

    public func render(normalized result: ScanResult) throws -> [UInt8] {
        text(result)
    }

    func text(_ r: ScanResult) -> [UInt8] {
        let summary = ScanSummary(r)
        var out: [UInt8] = []
        out.reserveCapacity(1024 + r.findings.count * 256)
        // Fields read through the array, never `let f = r.findings[i]`: copying a finding
        // retains a dozen references, and that was a third of this report's time.
        let shown = r.findings.indices.filter { i in
            guard r.findings[i].status == .open else { return false }
            guard quiet else { return true }
            guard let gate = r.failOn else { return false }
            return r.findings[i].severity >= gate
        }
        findingsByFile(r.findings, shown, into: &out)

        if !quiet {
            let waived = r.findings.indices.filter { r.findings[$0].status != .open }
            if !waived.isEmpty {
                style("Suppressed and baselined (\(waived.count))", .bold, into: &out)
                out += "\n"
                r.findings.withUnsafeBufferPointer { all in
                    for i in waived { waiverLine(all[i], into: &out) }
                }
                out += "\n"
            }
            if !r.undetermined.isEmpty {
                style("Undetermined (\(r.undetermined.count))", .bold, into: &out)
                out += "\n"
                for u in r.undetermined {
                    out += "  \(u.policyID)  "
                    clean(u.address ?? u.assetName, into: &out)
                    out += "  "
                    place(u.location, into: &out)
                    out += "  "
                    style(clean("needs \(u.unknowns.joined(separator: ", ")) (\(u.reason))"), .dim, into: &out)
                    out += "\n"
                }
                out += "\n"
            }
        }
        if !r.coverage.isEmpty {
            style("Coverage gaps (\(r.coverage.count))", .bold, into: &out)
            out += "\n"
            for g in r.coverage {
                out += "  "
                style(g.kind.rawValue, .red, into: &out)
                out += "  "
                clean(g.subject, into: &out)
                out += "  "
                place(g.location, into: &out)
                out += "  "
                clean(g.message, into: &out)
                out += "\n"
            }
            out += "\n"
        }
        if !quiet, !r.notices.isEmpty {
            style("Notices (\(r.notices.count))", .bold, into: &out)
            out += "\n"
            for n in r.notices {
                out += "  "
                clean(n.description, into: &out)
                out += "\n"
            }
            out += "\n"
        }

        let f = summary.findings
        var parts = ["\(f.openTotal) open" + (f.openTotal > 0
            ? " (" + Severity.allCases.filter { summary.open($0) > 0 }.map { "\(summary.open($0)) \($0.rawValue)" }.joined(separator: ", ") + ")"
            : "")]
        parts.append("\(f.suppressed) suppressed")
        parts.append("\(f.baselined) baselined")
        parts.append("\(summary.undetermined) undetermined")
        parts.append("\(summary.passedChecks) passed")
        parts.append(plural(summary.coverageGaps, "coverage gap"))
        out += parts.joined(separator: " · ") + "\n"
        style(summary.exitCode == 0 ? "PASS" : "FAIL", summary.exitCode == 0 ? .green : .red, into: &out)
        out += " (exit \(summary.exitCode)): \(summary.reason)\n"
        return out
    }

    private func waiverLine(_ f: Finding, into out: inout [UInt8]) {
        let s = f.suppression
        var why: String
        switch f.status {
        case .suppressed: why = "suppressed \(s?.kind == .inline ? "inline" : "in config"): \(s?.reason ?? "no reason given")"
        case .baselined, .open: why = "baselined" + (s.map { ": \($0.reason)" } ?? "")
        }
        var extra: [String] = []
        if let owner = s?.owner { extra.append("owner \(owner)") }
        if let expires = s?.expires { extra.append("expires \(expires)") }
        if !extra.isEmpty { why += " (\(extra.joined(separator: ", ")))" }
        out += "  \(f.policyID)  "
        clean(f.address ?? f.assetName, into: &out)
        out += "  "
        place(f.location, into: &out)
        out += "  "
        style(clean(why), .dim, into: &out)
        out += "\n"
    }

    /// Open findings per file (files by path, findings by line), the ones without a file last.
    private func findingsByFile(_ findings: [Finding], _ shown: [Int], into out: inout [UInt8]) {
        findings.withUnsafeBufferPointer { findingsByFile($0, shown, into: &out) }
    }

    private func findingsByFile(_ all: UnsafeBufferPointer<Finding>, _ shown: [Int], into out: inout [UInt8]) {
        // Sort keys taken out once: comparing `all[a].location`s copied two locations (and
        // retained their paths) per comparison. `shown` ascends, so position order is index order.
        struct Key {
            let hasFile: Bool, path: String, line: Int, column: Int
        }
        let keys = shown.map { i -> Key in
            let l = all[i].location
            return Key(hasFile: l != nil, path: l?.path ?? "", line: l?.startLine ?? 0, column: l?.startColumn ?? 0)
        }
        let order = keys.withUnsafeBufferPointer { k in
            shown.indices.sorted { a, b in
                if k[a].hasFile != k[b].hasFile { return k[a].hasFile }
                guard k[a].hasFile else { return a < b }
                if k[a].path != k[b].path { return k[a].path < k[b].path }
                if k[a].line != k[b].line { return k[a].line < k[b].line }
                if k[a].column != k[b].column { return k[a].column < k[b].column }
                return a < b
            }
        }
        let sorted = order.map { shown[$0] }
        var i = 0
        while i < sorted.count {
            let first = keys[order[i]]
            var stop = i + 1
            while stop < sorted.count, keys[order[stop]].hasFile == first.hasFile, keys[order[stop]].path == first.path { stop += 1 }
            let group = sorted[i..<stop]
            if first.hasFile {
                begin(.header, into: &out)
                clean(first.path, into: &out)
                end(into: &out)
            } else {
                style("(no file)", .header, into: &out)
            }
            out += "\n"
            let positions = order[i..<stop].map { j -> String in
                let k = keys[j]
                guard k.hasFile, k.line >= 1 else { return "-" }
                return k.column >= 1 ? "\(k.line):\(k.column)" : "\(k.line)"
            }
            let width = positions.map(\.utf8.count).max() ?? 1
            let indent = String(repeating: " ", count: 2 + width + 2 + 8 + 2)
            for (k, pos) in zip(group, positions) {
                findingLines(all[k], position: pos, width: width, indent: indent, into: &out)
            }
            out += "\n"
            i = group.endIndex
        }
    }

    private func findingLines(_ f: Finding, position: String, width: Int, indent: String, into out: inout [UInt8]) {
        out += "  "
        out += position
        for _ in position.utf8.count..<width { out.append(UInt8(ascii: " ")) }
        out += "  "
        begin(Self.style(f.severity), into: &out)
        out += Self.paddedSeverity(f.severity)
        end(into: &out)
        out += "  "
        out += f.policyID
        out += "  "
        clean(f.message, into: &out)
        out += "\n"
        out += indent
        // Written piece by piece, the same bytes as cleaning the joined text: `clean` looks at
        // most two bytes of one UTF-8 character, and pieces are whole strings.
        begin(.dim, into: &out)
        clean(f.address ?? f.assetName, into: &out)
        if let env = f.environment {
            out += " ("
            clean(env, into: &out)
            out += ")"
        }
        end(into: &out)
        out += "\n"
        for e in f.evidence {
            out += indent
            begin(.dim, into: &out)
            clean(e.field, into: &out)
            out += " is "
            clean(e.observed, into: &out)
            out += ", expected "
            clean(e.expected, into: &out)
            end(into: &out)
            out += "\n"
        }
    }

    /// The severity padded to the width of the longest (`critical`), so messages line up.
    private static func paddedSeverity(_ s: Severity) -> String {
        switch s {
        case .critical: "critical"
        case .high: "high    "
        case .medium: "medium  "
        case .low: "low     "
        case .info: "info    "
        }
    }

    private func place(_ l: Location?, into out: inout [UInt8]) {
        guard let l else {
            out += "-"
            return
        }
        clean(l.path, into: &out)
        if l.startLine >= 1 {
            out += ":"
            out.append(decimal: l.startLine)
        }
    }

    // MARK: Style

    enum Style: String {
        case bold = "1", dim = "2", header = "1;4", red = "1;31", green = "1;32"
        case critical = "1;35", high = "31", medium = "33", low = "36", info = "2;37"
    }

    static func style(_ s: Severity) -> Style {
        switch s {
        case .critical: .critical
        case .high: .high
        case .medium: .medium
        case .low: .low
        case .info: .info
        }
    }

    private func begin(_ st: Style, into out: inout [UInt8]) {
        if color { out += "\u{1B}[\(st.rawValue)m" }
    }

    private func end(into out: inout [UInt8]) {
        if color { out += "\u{1B}[0m" }
    }

    private func style(_ s: String, _ st: Style, into out: inout [UInt8]) {
        if color { out += "\u{1B}[\(st.rawValue)m" }
        out += s
        if color { out += "\u{1B}[0m" }
    }

    /// Text from the scanned files reaches a terminal: control characters (ESC sequences
    /// among them, and the C1 controls U+0080–U+009F) are shown as `?` so a crafted name cannot
    /// move the cursor or recolor output, and line breaks and tabs become spaces so every entry
    /// stays on its line.
    private func clean(_ s: String, into out: inout [UInt8]) {
        s.withUTF8Buffer { clean(bytes: $0, into: &out) }
    }

    private func clean(bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var plain = true
        for b in bytes where b < 0x20 || b == 0x7F || b == 0xC2 { plain = false; break }
        if plain {
            out.append(contentsOf: bytes)
            return
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) {
                out.append(UInt8(ascii: "?"))
                i += 2
                continue
            }
            switch b {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): out.append(UInt8(ascii: " "))
            case 0..<0x20, 0x7F: out.append(UInt8(ascii: "?"))
            default: out.append(b)
            }
            i += 1
        }
    }

    private func clean(_ s: String) -> String {
        var out: [UInt8] = []
        clean(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
