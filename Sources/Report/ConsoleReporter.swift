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
        Array(text(result).utf8)
    }

    func text(_ r: ScanResult) -> String {
        let summary = ScanSummary(r)
        var out = ""
        out.reserveCapacity(1024 + r.findings.count * 200)
        let shown = r.findings.filter { f in
            guard f.status == .open else { return false }
            guard quiet else { return true }
            guard let gate = r.failOn else { return false }
            return f.severity >= gate
        }
        findingsByFile(shown, into: &out)

        if !quiet {
            let waived = r.findings.filter { $0.status != .open }
            if !waived.isEmpty {
                out += style("Suppressed and baselined (\(waived.count))", .bold) + "\n"
                for f in waived {
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
                    out += "  \(f.policyID)  \(clean(f.address ?? f.assetName))  \(place(f.location))  \(style(clean(why), .dim))\n"
                }
                out += "\n"
            }
            if !r.undetermined.isEmpty {
                out += style("Undetermined (\(r.undetermined.count))", .bold) + "\n"
                for u in r.undetermined {
                    out += "  \(u.policyID)  \(clean(u.address ?? u.assetName))  \(place(u.location))  "
                        + style(clean("needs \(u.unknowns.joined(separator: ", ")) (\(u.reason))"), .dim) + "\n"
                }
                out += "\n"
            }
        }
        if !r.coverage.isEmpty {
            out += style("Coverage gaps (\(r.coverage.count))", .bold) + "\n"
            for g in r.coverage {
                out += "  " + style(g.kind.rawValue, .red) + "  \(clean(g.subject))  \(place(g.location))  \(clean(g.message))\n"
            }
            out += "\n"
        }
        if !quiet, !r.notices.isEmpty {
            out += style("Notices (\(r.notices.count))", .bold) + "\n"
            for n in r.notices { out += "  " + clean(n.description) + "\n" }
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
        let verdict = summary.exitCode == 0 ? style("PASS", .green) : style("FAIL", .red)
        out += "\(verdict) (exit \(summary.exitCode)): \(summary.reason)\n"
        return out
    }

    /// Open findings per file (files by path, findings by line), the ones without a file last.
    private func findingsByFile(_ findings: [Finding], into out: inout String) {
        let sorted = findings.enumerated().sorted { a, b in
            let la = a.element.location, lb = b.element.location
            let ka = (la == nil ? 1 : 0, la?.path ?? "", la?.startLine ?? 0, la?.startColumn ?? 0)
            let kb = (lb == nil ? 1 : 0, lb?.path ?? "", lb?.startLine ?? 0, lb?.startColumn ?? 0)
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
        var i = 0
        while i < sorted.count {
            let path = sorted[i].location?.path
            let group = sorted[i...].prefix { $0.location?.path == path }
            out += style(path.map(clean) ?? "(no file)", .header) + "\n"
            let positions = group.map { f -> String in
                guard let l = f.location, l.startLine >= 1 else { return "-" }
                return l.startColumn >= 1 ? "\(l.startLine):\(l.startColumn)" : "\(l.startLine)"
            }
            let width = positions.map(\.count).max() ?? 1
            let indent = String(repeating: " ", count: 2 + width + 2 + 8 + 2)
            for (f, pos) in zip(group, positions) {
                let sev = f.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                out += "  " + pos.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + style(sev, Self.style(f.severity))
                    + "  " + f.policyID + "  " + clean(f.message) + "\n"
                var asset = f.address ?? f.assetName
                if let env = f.environment { asset += " (\(env))" }
                out += indent + style(clean(asset), .dim) + "\n"
                for e in f.evidence {
                    out += indent + style(clean("\(e.field) is \(e.observed), expected \(e.expected)"), .dim) + "\n"
                }
            }
            out += "\n"
            i = group.endIndex
        }
    }

    private func place(_ l: Location?) -> String {
        guard let l else { return "-" }
        return l.startLine >= 1 ? "\(clean(l.path)):\(l.startLine)" : clean(l.path)
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

    private func style(_ s: String, _ st: Style) -> String {
        color ? "\u{1B}[\(st.rawValue)m\(s)\u{1B}[0m" : s
    }

    /// Text from the scanned files reaches a terminal: control characters (ESC sequences
    /// among them) are shown as `?` so a crafted name cannot move the cursor or recolor output,
    /// and line breaks become spaces so every entry stays on its line.
    private func clean(_ s: String) -> String {
        var needs = false
        for u in s.unicodeScalars where u.value < 0x20 || (0x7F...0x9F).contains(u.value) { needs = true; break }
        guard needs else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if u == "\n" || u == "\r" || u == "\t" { out += " " }
            else if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { out += "?" }
            else { out.unicodeScalars.append(u) }
        }
        return out
    }
}
