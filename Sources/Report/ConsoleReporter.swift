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
        let shown = r.findings.indices.filter { i in
            let f = r.findings[i]
            guard f.status == .open else { return false }
            guard quiet else { return true }
            guard let gate = r.failOn else { return false }
            return f.severity >= gate
        }
        findingsByFile(r.findings, shown, into: &out)

        if !quiet {
            let waived = r.findings.indices.filter { r.findings[$0].status != .open }
            if !waived.isEmpty {
                style("Suppressed and baselined (\(waived.count))", .bold, into: &out)
                out += "\n"
                for i in waived { waiverLine(r.findings[i], into: &out) }
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
    private func findingsByFile(_ all: [Finding], _ shown: [Int], into out: inout [UInt8]) {
        let sorted = shown.sorted { a, b in
            let la = all[a].location, lb = all[b].location
            if (la == nil) != (lb == nil) { return la != nil }
            guard let la, let lb else { return a < b }
            if la.path != lb.path { return la.path < lb.path }
            if la.startLine != lb.startLine { return la.startLine < lb.startLine }
            if la.startColumn != lb.startColumn { return la.startColumn < lb.startColumn }
            return a < b
        }
        var i = 0
        while i < sorted.count {
            let path = all[sorted[i]].location?.path
            let group = sorted[i...].prefix { all[$0].location?.path == path }
            if let path { style(clean(path), .header, into: &out) } else { style("(no file)", .header, into: &out) }
            out += "\n"
            let positions = group.map { k -> String in
                guard let l = all[k].location, l.startLine >= 1 else { return "-" }
                return l.startColumn >= 1 ? "\(l.startLine):\(l.startColumn)" : "\(l.startLine)"
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
        let sev = f.severity.rawValue
        style(sev + String(repeating: " ", count: 8 - sev.utf8.count), Self.style(f.severity), into: &out)
        out += "  "
        out += f.policyID
        out += "  "
        clean(f.message, into: &out)
        out += "\n"
        out += indent
        var asset = f.address ?? f.assetName
        if let env = f.environment { asset += " (\(env))" }
        style(clean(asset), .dim, into: &out)
        out += "\n"
        for e in f.evidence {
            out += indent
            style(clean("\(e.field) is \(e.observed), expected \(e.expected)"), .dim, into: &out)
            out += "\n"
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
        var plain = true
        for b in s.utf8 where b < 0x20 || b == 0x7F || b == 0xC2 { plain = false; break }
        if plain {
            out.append(contentsOf: s.utf8)
            return
        }
        let bytes = Array(s.utf8)
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
