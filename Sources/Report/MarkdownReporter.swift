import HCL
import Policy

/// The auditor's report: scope, verdict, executive summary, control matrix, findings with
/// evidence and remediation, waivers, undetermined checks, coverage, inventory and the asset
/// graph — GitHub-flavoured Markdown with a Mermaid diagram. See docs/reports.md.
public struct MarkdownReporter: SpillingReporter {
    public var format: ReportFormat { .markdown }
    /// Prepended to every location link (`../` when the report is written one directory
    /// below the source root); see `linkPrefix(reportDirectory:sourceRoot:)`.
    public var linkPrefix: String
    /// The diagram is capped so GitHub's Mermaid renderer (500 edges, 50,000 characters)
    /// draws it; the report says when it is cut.
    public var maxGraphNodes: Int
    public var maxGraphEdges: Int
    /// Rows per policy in the findings table: a nightly scan of an organization can fail one
    /// policy on tens of thousands of assets, which no auditor reads row by row (and which
    /// made a 100 MB document). Beyond it the report says how many more there are; the JSON
    /// report lists every finding, and the severity and family headings count all of them.
    public var maxRowsPerPolicy: Int

    public static let defaultMaxRowsPerPolicy = 500

    public init(linkPrefix: String = "", maxGraphNodes: Int = 120, maxGraphEdges: Int = 240,
                maxRowsPerPolicy: Int = MarkdownReporter.defaultMaxRowsPerPolicy) {
        self.linkPrefix = linkPrefix
        self.maxGraphNodes = maxGraphNodes
        self.maxGraphEdges = maxGraphEdges
        self.maxRowsPerPolicy = max(1, maxRowsPerPolicy)
    }

    /// The relative path from the directory a report is written to back to the source root,
    /// ending in `/` (empty when they are the same directory). Both paths are absolute or both
    /// relative to the same working directory.
    public static func linkPrefix(reportDirectory: String, sourceRoot: String) -> String {
        func parts(_ p: String) -> [Substring] {
            var out: [Substring] = []
            for c in p.split(separator: "/") where c != "." {
                if c == "..", let last = out.last, last != ".." { out.removeLast() } else { out.append(c) }
            }
            return out
        }
        let from = parts(reportDirectory), to = parts(sourceRoot)
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let up = Array(repeating: "..", count: from.count - common)
        let down = to[common...].map(String.init)
        let all = up + down
        return all.isEmpty ? "" : all.joined(separator: "/") + "/"
    }

    public func render(normalized result: ScanResult) throws -> [UInt8] {
        document(result)
    }

    func render(normalized result: ScanResult, spill: ReportSpill) {
        var rest = document(result, spill: spill)
        spill.flush(&rest)
    }

    /// With a spill, the text goes there as it is written, and the rest is returned.
    func document(_ r: ScanResult, spill: ReportSpill? = nil) -> [UInt8] {
        var doc = MarkdownDocument(result: r, linkPrefix: linkPrefix)
        doc.spill = spill
        doc.maxRowsPerPolicy = maxRowsPerPolicy
        doc.title()
        doc.scope()
        doc.executiveSummary()
        doc.controlMatrix()
        doc.findings()
        doc.waivers()
        doc.undetermined()
        doc.resolved()
        doc.coverage()
        doc.notices()
        doc.inventory()
        doc.graph(maxNodes: maxGraphNodes, maxEdges: maxGraphEdges)
        doc.footer()
        return doc.out
    }
}

/// Builds the Markdown text section by section.
private struct MarkdownDocument {
    let r: ScanResult
    let summary: ScanSummary
    let linkPrefix: String
    let policies: [String: PolicyMetadata]
    let tallies: [String: PolicyTally]
    var out: [UInt8] = []
    var spill: ReportSpill?
    var maxRowsPerPolicy = MarkdownReporter.defaultMaxRowsPerPolicy

    init(result: ScanResult, linkPrefix: String) {
        r = result
        summary = ScanSummary(result)
        self.linkPrefix = linkPrefix
        var ps: [String: PolicyMetadata] = [:]
        for p in result.policies where ps[p.id] == nil { ps[p.id] = p }
        policies = ps
        var ts: [String: PolicyTally] = [:]
        for t in result.tallies where ts[t.policyID] == nil { ts[t.policyID] = t }
        tallies = ts
        out.reserveCapacity(4096 + result.findings.count * 400)
    }

    // MARK: Sections

    mutating func title() {
        out += "# Tollgate compliance report\n\n"
        let verdict = summary.exitCode == 0 ? "PASS" : "FAIL"
        out += "**Verdict: \(verdict)** (exit code \(summary.exitCode)): \(Markdown.text(summary.reason)).\n\n"
    }

    mutating func scope() {
        let s = r.scope
        out += "## Scope\n\n"
        out += Markdown.header(["Item", "Value"])
        out += Markdown.row(["Tool", Markdown.text("\(r.tool.name) \(r.tool.version)")])
        out += Markdown.row(["Policy pack", Markdown.text(r.tool.policyPackVersion)])
        out += Markdown.row(["Profile", Markdown.code(s.profile, inTable: true)])
        out += Markdown.row(["Environments", s.environments.isEmpty ? "all" : s.environments.map { Markdown.text($0) }.joined(separator: ", ")])
        out += Markdown.row(["Scan started (UTC)", Markdown.text(s.startedAt)])
        out += Markdown.row(["Git commit", s.gitCommit.map { Markdown.code($0, inTable: true) } ?? "not recorded (not in a git work tree, or a reproducible report made with SOURCE_DATE_EPOCH)"])
        out += Markdown.row(["Source root", Markdown.code(s.sourceRoot, inTable: true)])
        out += Markdown.row(["Automation id", Markdown.code(s.automationID, inTable: true)])
        out += Markdown.row(["Fails on", r.failOn.map { "\($0.rawValue) and above" } ?? "nothing (`--fail-on none`)"])
        out += "\n### Inputs\n\n"
        if s.inputs.isEmpty {
            out += "No inputs.\n\n"
        } else {
            out += "\(plural(s.inputs.count, "input")), with the SHA-256 of the bytes read.\n\n"
            out += Markdown.header(["Input", "Kind", "SHA-256"])
            for i in s.inputs {
                out += Markdown.row([Markdown.code(i.path, inTable: true), Markdown.text(i.kind),
                                     i.sha256.isEmpty ? "(live)" : Markdown.code(i.sha256, inTable: true)])
            }
            out += "\n"
        }
    }

    mutating func executiveSummary() {
        let f = summary.findings
        out += "## Executive summary\n\n"
        let bySeverity = Severity.allCases.map { "\(summary.open($0)) \($0.rawValue)" }.joined(separator: ", ")
        out += "- \(plural(f.openTotal, "open finding")) (\(bySeverity)); \(f.gating) at or above the gate.\n"
        out += "- \(f.suppressed) suppressed, \(f.baselined) baselined\(f.resolved > 0 ? ", \(f.resolved) resolved since the baseline" : "").\n"
        out += "- \(plural(summary.passedChecks, "check")) passed; \(plural(summary.undetermined, "check")) undetermined (values known only after apply).\n"
        out += "- \(plural(summary.coverageGaps, "coverage gap")); \(plural(summary.notices, "notice")).\n\n"

        var suppressedBy: [Severity: Int] = [:], baselinedBy: [Severity: Int] = [:]
        // Fields read through the array: `for x in r.findings` copies every finding.
        for i in r.findings.indices {
            if r.findings[i].status == .suppressed { suppressedBy[r.findings[i].severity, default: 0] += 1 }
            if r.findings[i].status == .baselined { baselinedBy[r.findings[i].severity, default: 0] += 1 }
        }
        out += "### By severity\n\n"
        out += Markdown.header(["Severity", "Open", "Suppressed", "Baselined"], right: [1, 2, 3])
        for s in Severity.allCases {
            out += Markdown.row([s.rawValue.capitalized, "\(summary.open(s))", "\(suppressedBy[s] ?? 0)", "\(baselinedBy[s] ?? 0)"])
        }
        out += Markdown.row(["**Total**", "**\(f.openTotal)**", "**\(f.suppressed)**", "**\(f.baselined)**"])

        out += "\n### By family\n\n"
        out += "Counts are checks of one policy against one asset. Pass rate = passed ÷ (passed + failed); failed includes waived (suppressed or baselined) findings.\n\n"
        out += Markdown.header(["Family", "Policies", "Passed", "Failed", "Waived", "Undetermined", "Open findings", "Pass rate"], right: [1, 2, 3, 4, 5, 6, 7])
        var openByFamily: [Family: Int] = [:]
        for i in r.findings.indices where r.findings[i].status == .open { openByFamily[r.findings[i].family, default: 0] += 1 }
        for family in Family.allCases {
            let ps = r.policies.filter { $0.family == family }
            var t = PolicyTally(policyID: "")
            for p in ps { if let pt = tallies[p.id] { t.passed += pt.passed; t.failed += pt.failed; t.waived += pt.waived; t.undetermined += pt.undetermined } }
            out += Markdown.row([family.title, "\(ps.count)", "\(t.passed)", "\(t.failed)", "\(t.waived)", "\(t.undetermined)",
                                 "\(openByFamily[family] ?? 0)", passRate(passed: t.passed, failed: t.failed)])
        }
        out += "\n"
    }

    mutating func controlMatrix() {
        out += "## Control matrix\n\n"
        var frameworks: [String: [String: [String]]] = [:]  // framework → control → policy ids
        for p in r.policies.sorted(by: { $0.id < $1.id }) {
            for (framework, ids) in p.controls {
                for id in ids where !(frameworks[framework]?[id]?.contains(p.id) ?? false) {
                    frameworks[framework, default: [:]][id, default: []].append(p.id)
                }
            }
        }
        if frameworks.isEmpty {
            out += "No policy of this scan maps to a control.\n\n"
            return
        }
        out += "Pass, fail and undetermined count checks (policy × asset) of the policies mapped to each control; N/A counts those policies that had no asset in scope. A control fails when any of its checks has an open finding.\n\n"
        for framework in frameworks.keys.sorted() {
            out += "### \(Markdown.text(framework))\n\n"
            out += Markdown.header(["Control", "Status", "Policies", "Pass", "Fail", "Waived", "Undetermined", "N/A"], right: [3, 4, 5, 6, 7])
            let controls = frameworks[framework]!
            for control in controls.keys.sorted(by: naturalLess) {
                let ids = controls[control]!
                var t = PolicyTally(policyID: control)
                var notApplicable = 0
                for id in ids {
                    guard let pt = tallies[id], !pt.notApplicable else { notApplicable += 1; continue }
                    t.passed += pt.passed; t.failed += pt.failed; t.waived += pt.waived; t.undetermined += pt.undetermined
                }
                let status: String
                if t.failed > t.waived { status = "**Fail**" }
                else if t.undetermined > 0 { status = "Undetermined" }
                else if t.waived > 0 { status = "Pass (waived)" }
                else if t.passed > 0 { status = "Pass" }
                else { status = "N/A" }
                out += Markdown.row([Markdown.text(control), status, ids.map { Markdown.code($0, inTable: true) }.joined(separator: ", "),
                                     "\(t.passed)", "\(t.failed)", "\(t.waived)", "\(t.undetermined)", "\(notApplicable)"])
            }
            out += "\n"
        }
    }

    /// Open findings by severity, then family, then policy — the order `normalized()` sorts in.
    mutating func findings() {
        out += "## Findings\n\n"
        // The grouping keys taken out once, through a buffer: reading `r.findings[i].severity`
        // inside these closures copied the whole finding each time.
        let findings = r.findings
        let (open, keys) = findings.withUnsafeBufferPointer { all in
            let open = all.indices.filter { all[$0].status == .open }
            return (open, open.map { (severity: all[$0].severity, family: all[$0].family, policyID: all[$0].policyID) })
        }
        if open.isEmpty {
            out += "No open findings.\n\n"
            return
        }
        var i = 0
        while i < open.count {
            let severity = keys[i].severity
            var severityEnd = i + 1
            while severityEnd < open.count, keys[severityEnd].severity == severity { severityEnd += 1 }
            out += "### \(severity.rawValue.capitalized) (\(severityEnd - i))\n\n"
            var j = i
            while j < severityEnd {
                let family = keys[j].family
                var familyEnd = j + 1
                while familyEnd < severityEnd, keys[familyEnd].family == family { familyEnd += 1 }
                out += "#### \(family.title) (\(familyEnd - j))\n\n"
                var k = j
                while k < familyEnd {
                    let id = keys[k].policyID
                    var policyEnd = k + 1
                    while policyEnd < familyEnd, keys[policyEnd].policyID == id { policyEnd += 1 }
                    policyFindings(id, open[k..<policyEnd])
                    k = policyEnd
                }
                j = familyEnd
            }
            i = severityEnd
        }
    }

    private mutating func policyFindings(_ id: String, _ indices: ArraySlice<Int>) {
        let p = policies[id]
        out += "##### "
        Markdown.text(id, into: &out)
        out += ": "
        Markdown.text(p?.title ?? id, into: &out)
        out += "\n\n"
        if let p, !p.rationale.isEmpty {
            Markdown.text(p.rationale, into: &out)
            out += "\n\n"
        }
        out += Markdown.header(["Asset", "Environment", "Location", "Finding", "Evidence"])
        // Through a buffer: `findingRow(r.findings[i])` copied each finding (a dozen retains).
        let findings = r.findings
        let shown = indices.prefix(maxRowsPerPolicy)
        findings.withUnsafeBufferPointer { all in
            for i in shown {
                findingRow(all[i])
                if let spill { spill.drain(&out) }
            }
        }
        out += "\n"
        if indices.count > shown.count {
            out += "… and \(indices.count - shown.count) more findings of this policy (the first \(shown.count) are shown); "
            out += "`tollgate.json` lists every finding.\n\n"
        }
        if let p, !p.remediation.isEmpty {
            out += "**Remediation**\n\n" + Markdown.codeBlock(p.remediation, language: "hcl") + "\n"
        }
    }

    private mutating func findingRow(_ f: Finding) {
        out += "| "
        asset(f.address, f.assetName, f.assetType)
        out += " | "
        Markdown.text(f.environment ?? "—", into: &out)
        out += " | "
        location(f.location)
        out += " | "
        Markdown.text(f.message, into: &out)
        out += " | "
        evidence(f.evidence)
        out += " |\n"
    }

    mutating func waivers() {
        out += "## Suppressed and baselined findings\n\n"
        let waived = r.findings.withUnsafeBufferPointer { all in all.indices.filter { all[$0].status != .open } }
        if waived.isEmpty {
            out += "None.\n\n"
            return
        }
        out += "These findings fail their policy but do not fail the scan.\n\n"
        out += Markdown.header(["Policy", "Severity", "Asset", "Location", "Status", "Reason", "Owner", "Expires"])
        let findings = r.findings
        findings.withUnsafeBufferPointer { all in
            for i in waived {
                waiverRow(all[i])
                if let spill { spill.drain(&out) }
            }
        }
        out += "\n"
    }

    private mutating func waiverRow(_ f: Finding) {
        let s = f.suppression
        out += "| "
        Markdown.code(f.policyID, inTable: true, into: &out)
        out += " | \(f.severity.rawValue) | "
        asset(f.address, f.assetName, f.assetType)
        out += " | "
        location(f.location)
        out += " | "
        switch f.status {
        case .suppressed: out += s?.kind == .inline ? "suppressed inline" : "suppressed in config"
        case .baselined, .open: out += "baselined"
        }
        if let written = s?.location {
            out += " at "
            location(written)
        }
        out += " | "
        Markdown.text(s?.reason ?? (f.status == .baselined ? "present in the baseline" : "—"), into: &out)
        out += " | "
        Markdown.text(s?.owner ?? "—", into: &out)
        out += " | "
        Markdown.text(s?.expires ?? "never", into: &out)
        out += " |\n"
    }

    mutating func undetermined() {
        out += "## Undetermined checks\n\n"
        if r.undetermined.isEmpty {
            out += "None: every check could be decided.\n\n"
            return
        }
        out += "These checks needed values Terraform knows only after apply. They fail nothing; review them or scan the plan.\n\n"
        out += Markdown.header(["Policy", "Severity", "Asset", "Location", "Unknown values", "Why"])
        for u in r.undetermined {
            out += "| "
            Markdown.code(u.policyID, inTable: true, into: &out)
            out += " | \(u.severity.rawValue) | "
            asset(u.address, u.assetName, u.assetType)
            out += " | "
            location(u.location)
            out += " | "
            for (k, unknown) in u.unknowns.enumerated() {
                if k > 0 { out += "<br>" }
                Markdown.code(unknown, inTable: true, into: &out)
            }
            out += " | "
            Markdown.text(u.reason, into: &out)
            out += " |\n"
        }
        out += "\n"
    }

    mutating func resolved() {
        guard !r.resolved.isEmpty else { return }
        out += "## Resolved since the baseline\n\n"
        out += Markdown.header(["Policy", "Severity", "Asset", "Last location"])
        for f in r.resolved {
            out += "| "
            Markdown.code(f.policyID, inTable: true, into: &out)
            out += " | \(f.severity.rawValue) | "
            asset(f.address, f.assetName, f.assetType)
            out += " | "
            location(f.location)
            out += " |\n"
        }
        out += "\n"
    }

    mutating func coverage() {
        out += "## Coverage\n\n"
        if r.coverage.isEmpty {
            out += "Complete: every input was read and every policy evaluated.\n\n"
            return
        }
        out += "**Incomplete: \(plural(r.coverage.count, "gap")).** What is listed here was not checked, so the scan fails closed (exit code 2).\n\n"
        out += Markdown.header(["Kind", "Subject", "Location", "Detail"])
        for g in r.coverage {
            out += "| \(Self.title(g.kind)) | "
            Markdown.code(g.subject, inTable: true, into: &out)
            out += " | "
            location(g.location)
            out += " | "
            Markdown.text(g.message, into: &out)
            out += " |\n"
        }
        out += "\n"
    }

    mutating func notices() {
        guard !r.notices.isEmpty else { return }
        out += "## Notices\n\n"
        out += Markdown.header(["Severity", "Location", "Notice"])
        for n in r.notices {
            out += "| \(n.severity.rawValue) | "
            location(n.range.map { Location(path: $0.filename, startLine: $0.start.line, startColumn: $0.start.column,
                                            endLine: $0.end.line, endColumn: $0.end.column) })
            out += " | "
            Markdown.text(n.detail.isEmpty ? n.summary : "\(n.summary): \(n.detail)", into: &out)
            out += " |\n"
        }
        out += "\n"
    }

    mutating func inventory() {
        out += "## Inventory\n\n"
        if r.inventory.isEmpty {
            out += "No assets.\n\n"
            return
        }
        let envs = Set(r.inventory.map(\.environment)).sorted()
        var counts: [String: [String: Int]] = [:]
        for e in r.inventory { counts[e.assetType, default: [:]][e.environment, default: 0] += e.count }
        let total = r.inventory.reduce(0) { $0 + $1.count }
        out += "\(plural(total, "asset")) of \(plural(counts.count, "type")).\n\n"
        let envTitles = envs.map { $0.isEmpty ? "(no environment)" : Markdown.text($0) }
        out += Markdown.header(["Asset type"] + envTitles + ["Total"], right: Set(1...(envs.count + 1)))
        var columnTotals = [Int](repeating: 0, count: envs.count)
        for type in counts.keys.sorted() {
            let row = counts[type]!
            var cells = [Markdown.code(type, inTable: true)]
            for (c, env) in envs.enumerated() {
                let n = row[env] ?? 0
                columnTotals[c] += n
                cells.append("\(n)")
            }
            cells.append("\(row.values.reduce(0, +))")
            out += Markdown.row(cells)
        }
        out += Markdown.row(["**Total**"] + columnTotals.map { "**\($0)**" } + ["**\(total)**"])
        out += "\n"
    }

    mutating func graph(maxNodes: Int, maxEdges: Int) {
        out += "## Asset graph\n\n"
        let g = r.graph
        if g.nodes.isEmpty {
            out += "The scan result has no asset graph.\n\n"
            return
        }
        let drawing = MermaidGraph(g, maxNodes: maxNodes, maxEdges: maxEdges)
        let failing = g.nodes.count(where: \.failing)
        out += "\(plural(g.nodes.count, "asset")) and \(plural(g.edges.count, "edge")); \(failing) failing (red, marked ✗)."
        if drawing.danglingEdges > 0 {
            out += " \(plural(drawing.danglingEdges, "edge")) to assets outside the scan \(drawing.danglingEdges == 1 ? "is" : "are") not drawn."
        }
        if drawing.nodeCount < g.nodes.count || drawing.edgeCount < drawing.candidateEdges {
            out += " The diagram is capped: it shows \(drawing.nodeCount) of \(g.nodes.count) assets (failing assets first, then their neighbours, then the rest by name) and \(drawing.edgeCount) of \(g.edges.count) edges; the JSON report has the whole graph."
        }
        out += "\n\n```mermaid\n" + drawing.text + "```\n\n"
    }

    mutating func footer() {
        out += "---\n\nGenerated by \(Markdown.text(r.tool.name)) \(Markdown.text(r.tool.version)) (policy pack \(Markdown.text(r.tool.policyPackVersion))) from the scan started \(Markdown.text(r.scope.startedAt)).\n"
    }

    // MARK: Cells

    private mutating func asset(_ address: String?, _ name: String, _ type: String) {
        if let address, !address.isEmpty {
            Markdown.code(address, inTable: true, into: &out)
            out += "<br>"
        }
        Markdown.code(name, inTable: true, into: &out)
        out += "<br>"
        Markdown.text(type, into: &out)
    }

    /// `[path:line](prefix/path#Lline-Lend)` — GitHub's line anchors; a path that is absolute
    /// (outside the source root) is shown, not linked.
    private mutating func location(_ loc: Location?) {
        guard let loc, !loc.path.isEmpty else {
            out += "—"
            return
        }
        if loc.path.hasPrefix("/") {
            let label = loc.startLine >= 1 ? "\(loc.path):\(loc.startLine)" : loc.path
            Markdown.code(label, inTable: true, into: &out)
            return
        }
        // `Markdown.link(label, url:)` written in place, piece by piece — the same bytes: the
        // escape of `path:line` is the escape of the path, then `:line` (nothing to escape).
        out.append(UInt8(ascii: "["))
        Markdown.text(loc.path, into: &out)
        if loc.startLine >= 1 {
            out.append(UInt8(ascii: ":"))
            out.append(decimal: loc.startLine)
        }
        out += "]("
        out += linkPrefix
        if loc.path.utf8.first == UInt8(ascii: ".") {
            var path = Substring(loc.path)
            while path.hasPrefix("./") { path = path.dropFirst(2) }
            URIPath.encode(String(path), into: &out)
        } else {
            URIPath.encode(loc.path, into: &out)
        }
        if loc.startLine >= 1 {
            out += "#L"
            out.append(decimal: loc.startLine)
            if loc.endLine > loc.startLine {
                out += "-L"
                out.append(decimal: loc.endLine)
            }
        }
        out.append(UInt8(ascii: ")"))
    }

    private mutating func evidence(_ es: [Evidence]) {
        if es.isEmpty {
            out += "—"
            return
        }
        for (i, e) in es.enumerated() {
            if i > 0 { out += "<br>" }
            Markdown.code(e.field, inTable: true, into: &out)
            out += " is "
            Markdown.code(e.observed, inTable: true, into: &out)
            out += ", expected "
            Markdown.code(e.expected, inTable: true, into: &out)
        }
    }

    private func passRate(passed: Int, failed: Int) -> String {
        let total = passed + failed
        guard total > 0 else { return "—" }
        // Integer arithmetic, rounded half up, so the text never depends on the locale.
        let permille = (passed * 1000 * 2 + total) / (total * 2)
        return "\(permille / 10).\(permille % 10)%"
    }

    static func title(_ kind: CoverageGap.Kind) -> String {
        switch kind {
        case .parseError: "Parse error"
        case .unreadable: "Unreadable input"
        case .moduleNotInstalled: "Module not installed"
        case .unsupportedType: "Unsupported resource type"
        case .evaluationError: "Evaluation error"
        case .projectNotReached: "Project not reached"
        case .policyError: "Policy error"
        }
    }
}
