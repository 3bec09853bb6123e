import HCL
import Policy

/// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. Checked by
/// `../shared/tools/validate-sarif.py` (OASIS schema + GitHub's requirements); see docs/reports.md.
public struct SARIFReporter: Reporter {
    /// GitHub keeps at most 25,000 results per run; beyond that it rejects the upload.
    public static let gitHubResultLimit = 25_000
    /// The `partialFingerprints` key; versioned so a future change of fingerprint scheme
    /// does not collide with alerts tracked under this one.
    public static let fingerprintKey = "tollgate/v1"
    static let srcRoot = "%SRCROOT%"

    public var format: ReportFormat { .sarif }
    public var maxResults: Int

    public init(maxResults: Int = SARIFReporter.gitHubResultLimit) {
        self.maxResults = max(0, maxResults)
    }

    public func render(normalized result: ScanResult) throws -> [UInt8] {
        // Written directly, results straight from the findings (no `SARIFLog.Result` built
        // for each); the same bytes as `encodeJSON(log(for:))` (tested).
        let (log, kept, ruleIndex) = makeLog(result, withResults: false)
        return log.json(resultCount: kept.count) { w in
            result.findings.withUnsafeBufferPointer { findings in
                Self.eachResult(findings, kept: kept, ruleIndex: ruleIndex) { i, rule, fingerprint in
                    w.element()
                    Self.writeResult(findings[i], ruleIndex: rule, fingerprint: fingerprint, &w)
                }
            }
        }
    }

    /// The whole log as a value (tests inspect it; the Codable encoding of it is what
    /// `render` writes).
    package func log(for result: ScanResult) -> SARIFLog {
        makeLog(result, withResults: true).log
    }

    /// The log — without its results unless `withResults` — the indices of the findings that
    /// are results, and each rule's index.
    private func makeLog(_ result: ScanResult, withResults: Bool) -> (log: SARIFLog, kept: [Int], ruleIndex: [String: Int]) {
        let summary = ScanSummary(result)
        let rules = Self.rules(for: result)
        var ruleIndex: [String: Int] = [:]
        for (i, rule) in rules.enumerated() { ruleIndex[rule.id] = i }

        var notes = NotificationList()
        let kept = keptFindings(result.findings)
        if kept.count < result.findings.count {
            let cut = result.findings.count - kept.count
            let cutOpen = result.findings.count(where: { $0.status == .open }) - kept.count(where: { result.findings[$0].status == .open })
            notes.add("results-truncated", "Results truncated", level: "warning",
                      "\(result.findings.count) findings exceed the limit of \(maxResults) results per run; \(cut) were left out (\(cutOpen) of them open). Open findings are kept first, most severe first. The JSON report lists every finding.")
        }
        for gap in result.coverage {
            notes.add("coverage/\(gap.kind.rawValue)", "Coverage gap: \(gap.kind.rawValue)", level: "error",
                      "\(gap.kind.rawValue): \(gap.subject): \(gap.message)",
                      locations: gap.location.map { [Self.location($0, logical: [])] })
        }
        for notice in result.notices {
            let text = notice.detail.isEmpty ? notice.summary : "\(notice.summary): \(notice.detail)"
            notes.add("notice", "Notice about the scan", level: Self.level(notice.severity), text,
                      locations: notice.range.map { [Self.location($0)] })
        }
        for u in result.undetermined {
            let subject = u.address ?? u.assetName
            notes.add("undetermined", "Check undetermined (value known only after apply)", level: "note",
                      "\(u.policyID) could not be decided for \(subject): it needs \(u.unknowns.joined(separator: ", ")) (\(u.reason))",
                      locations: [Self.location(u.location, logical: Self.logicalLocations(address: u.address, assetName: u.assetName, assetType: u.assetType))])
        }
        if !result.resolved.isEmpty {
            notes.add("baseline/resolved", "Baseline findings resolved", level: "note",
                      "\(plural(result.resolved.count, "finding")) of the baseline no longer \(result.resolved.count == 1 ? "occurs" : "occur"): \(result.resolved.map { "\($0.policyID) \($0.address ?? $0.assetName)" }.joined(separator: "; "))")
        }

        var results: [SARIFLog.Result] = []
        if withResults {
            results.reserveCapacity(kept.count)
            // Through a buffer: `findings[i]` passed on would copy the finding (a dozen retains).
            result.findings.withUnsafeBufferPointer { findings in
                Self.eachResult(findings, kept: kept, ruleIndex: ruleIndex) { i, rule, fingerprint in
                    results.append(Self.result(findings[i], ruleIndex: rule, fingerprint: fingerprint))
                }
            }
        }

        let driver = SARIFLog.ToolComponent(
            name: result.tool.name, version: result.tool.version,
            semanticVersion: Self.isSemanticVersion(result.tool.version) ? result.tool.version : nil,
            informationUri: result.tool.informationURI, rules: rules, notifications: notes.descriptors,
            properties: .init(policyPackVersion: result.tool.policyPackVersion))
        let invocation = SARIFLog.Invocation(
            executionSuccessful: result.coverage.isEmpty,
            startTimeUtc: result.scope.startedAt.isEmpty ? nil : result.scope.startedAt,
            exitCode: summary.exitCode, exitCodeDescription: summary.reason,
            toolExecutionNotifications: notes.notifications)
        let run = SARIFLog.Run(
            tool: .init(driver: driver),
            automationDetails: .init(id: result.scope.automationID),
            invocations: [invocation],
            originalUriBaseIds: [Self.srcRoot: Self.sourceRootLocation(result.scope.sourceRoot)],
            results: results,
            properties: .init(profile: result.scope.profile, environments: result.scope.environments,
                              gitCommit: result.scope.gitCommit))
        return (SARIFLog(runs: [run]), kept, ruleIndex)
    }

    /// Each kept finding's index with its rule's index and its fingerprint, numbered: two
    /// findings of one rule with one fingerprint would be merged into one alert, so repeats
    /// are numbered the way GitHub numbers equal line hashes (`hash:2`).
    private static func eachResult(_ findings: UnsafeBufferPointer<Finding>, kept: [Int], ruleIndex: [String: Int],
                                   _ body: (Int, Int, String) -> Void) {
        struct FingerprintKey: Hashable {
            let policyID: String, fingerprint: String
        }
        var uses: [FingerprintKey: Int] = [:]
        uses.reserveCapacity(kept.count)
        // Findings come sorted by policy: look each rule's index up once per run of them.
        var lastPolicy = "", lastIndex = -1
        for i in kept {
            let policyID = findings[i].policyID, fingerprint = findings[i].fingerprint
            let key = FingerprintKey(policyID: policyID, fingerprint: fingerprint)
            let use = uses[key, default: 0] + 1
            uses[key] = use
            if lastIndex < 0 || policyID != lastPolicy {
                lastPolicy = policyID
                lastIndex = ruleIndex[policyID]!
            }
            body(i, lastIndex, use == 1 ? fingerprint : "\(fingerprint):\(use)")
        }
    }

    /// Indices of at most `maxResults` findings, open ones first (then suppressed and
    /// baselined), each group in the normalized order (most severe first); in the normalized order.
    private func keptFindings(_ findings: [Finding]) -> [Int] {
        guard findings.count > maxResults else { return Array(findings.indices) }
        var keep = [Bool](repeating: false, count: findings.count)
        var left = maxResults
        for pass in 0..<2 where left > 0 {
            for i in findings.indices where (findings[i].status == .open) == (pass == 0) {
                guard left > 0 else { break }
                keep[i] = true
                left -= 1
            }
        }
        return findings.indices.filter { keep[$0] }
    }

    // MARK: Rules

    static func rules(for result: ScanResult) -> [SARIFLog.ReportingDescriptor] {
        var seen = Set<String>()
        var rules: [SARIFLog.ReportingDescriptor] = []
        // No duplicate rules (GitHub rejects them, checkov#1521): the first policy of an id wins.
        for p in result.policies where seen.insert(p.id).inserted {
            rules.append(rule(p, informationURI: result.tool.informationURI))
        }
        // A finding of a policy missing from `policies` still needs a rule to point at.
        // By index: `for f in findings` copies every finding (a dozen retains each).
        var orphans: [String: Int] = [:]
        for i in result.findings.indices where !seen.contains(result.findings[i].policyID) && orphans[result.findings[i].policyID] == nil {
            orphans[result.findings[i].policyID] = i
        }
        for id in orphans.keys.sorted() {
            let f = result.findings[orphans[id]!]
            let meta = PolicyMetadata(id: id, title: id, family: f.family, severity: f.severity, resourceTypes: [f.assetType],
                                      rationale: "Policy \(id) (no metadata was supplied with the scan result).", remediation: "", origin: "unknown")
            rules.append(rule(meta, informationURI: result.tool.informationURI))
        }
        return rules
    }

    static func rule(_ p: PolicyMetadata, informationURI: String) -> SARIFLog.ReportingDescriptor {
        let rationale = p.rationale.isEmpty ? p.title : p.rationale
        var text = rationale
        var md = "**\(p.title)**\n\n\(rationale)\n\n"
        md += "Severity: **\(p.severity.rawValue)** · Family: **\(p.family.title)**"
        if !p.resourceTypes.isEmpty {
            md += " · Resource types: " + p.resourceTypes.map { Markdown.code($0) }.joined(separator: ", ")
        }
        md += "\n"
        if !p.controls.isEmpty {
            md += "\nControls: " + p.controls.keys.sorted().map { "\($0) " + p.controls[$0]!.joined(separator: ", ") }.joined(separator: "; ") + "\n"
        }
        if !p.remediation.isEmpty {
            text += "\n\nRemediation:\n\(p.remediation)"
            md += "\n#### Remediation\n\n" + Markdown.codeBlock(p.remediation, language: "hcl")
        }
        if let example = p.compliantExample, !example.isEmpty {
            text += "\n\nCompliant example:\n\(example)"
            md += "\n#### Compliant example\n\n" + Markdown.codeBlock(example, language: "hcl")
        }
        let helpURI = p.helpURI.map { resolveHelpURI($0, informationURI: informationURI) }
        if let helpURI { md += "\n[Policy documentation](\(helpURI))\n" }

        var tags = ["security", p.family.rawValue]
        for framework in p.controls.keys.sorted() where framework.lowercased().hasPrefix("cis") {
            tags += p.controls[framework]!.map { "\(framework):\($0)" }
        }
        return SARIFLog.ReportingDescriptor(
            id: p.id, name: nil,
            shortDescription: .init(text: p.title),
            fullDescription: .init(text: rationale),
            help: .init(text: text, markdown: md),
            helpUri: helpURI,
            defaultConfiguration: .init(level: level(p.severity)),
            properties: .init(tags: tags, securitySeverity: securitySeverity(p.severity),
                              // Built-in checks are exact tests of declared configuration,
                              // reviewed with examples; custom ones are not reviewed here.
                              precision: p.origin == "built-in" ? "very-high" : "high",
                              family: p.family.rawValue, severity: p.severity.rawValue))
    }

    /// A relative `helpURI` (`docs/policies/TG-SQL-001.md`) points into the tool's repository.
    static func resolveHelpURI(_ uri: String, informationURI: String) -> String {
        if uri.contains("://") { return uri }
        var base = informationURI
        while base.hasSuffix("/") { base.removeLast() }
        var path = Substring(uri)
        while path.hasPrefix("./") || path.hasPrefix("/") { path = path.drop { $0 == "." || $0 == "/" } }
        return "\(base)/blob/main/\(URIPath.encode(String(path)))"
    }

    // MARK: Severity mapping

    /// GitHub's bands for `security-severity`: critical > 9.0, high 7.0–8.9, medium 4.0–6.9,
    /// low 0.1–3.9; info maps to 0.0 (no security severity).
    static func securitySeverity(_ s: Severity) -> String {
        switch s {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.0"
        }
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    static func level(_ s: Diagnostic.Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    // MARK: Results

    static func result(_ f: Finding, ruleIndex: Int, fingerprint: String) -> SARIFLog.Result {
        var text = f.message
        if !f.evidence.isEmpty {
            // One string grown in place (the same text as mapping and joining the evidence).
            text += text.hasSuffix(".") ? " Evidence: " : ". Evidence: "
            for (k, e) in f.evidence.enumerated() {
                if k > 0 { text += "; " }
                text += e.field
                text += " is "
                text += e.observed
                text += ", expected "
                text += e.expected
            }
            text += "."
        }
        var suppressions: [SARIFLog.Suppression]?
        switch f.status {
        case .open: suppressions = nil
        case .suppressed:
            let s = f.suppression
            suppressions = [SARIFLog.Suppression(
                kind: s?.kind == .inline ? "inSource" : "external", status: "accepted",
                justification: s?.reason ?? "Suppressed",
                location: s?.location.map { location($0, logical: []) },
                properties: .init(owner: s?.owner, expires: s?.expires, source: s?.kind.rawValue ?? "config"))]
        case .baselined:
            // A baselined finding is accepted debt: suppressed externally, so code scanning
            // does not re-raise it, and marked unchanged unless the engine said otherwise.
            suppressions = [SARIFLog.Suppression(
                kind: "external", status: "accepted",
                justification: f.suppression?.reason ?? "Present in the baseline",
                location: nil,
                properties: .init(owner: f.suppression?.owner, expires: f.suppression?.expires, source: "baseline"))]
        }
        let baselineState = f.baselineState?.rawValue ?? (f.status == .baselined ? "unchanged" : nil)
        return SARIFLog.Result(
            ruleId: f.policyID, ruleIndex: ruleIndex, level: level(f.severity),
            message: .init(text: text),
            locations: [location(f.location, logical: logicalLocations(address: f.address, assetName: f.assetName, assetType: f.assetType))],
            partialFingerprints: [fingerprintKey: fingerprint],
            suppressions: suppressions, baselineState: baselineState,
            properties: .init(severity: f.severity.rawValue, family: f.family.rawValue, assetType: f.assetType,
                              environment: f.environment, status: f.status.rawValue))
    }

    /// `result(f, …)` written as JSON without building it: the same keys in the same
    /// (sorted) order, the same texts (JSON escaping is per byte, so pieces escape as the whole).
    static func writeResult(_ f: Finding, ruleIndex: Int, fingerprint: String, _ w: inout JSONWriter) {
        w.beginObject()
        if let b = f.baselineState {
            w.key("baselineState")
            w.string(b.rawValue)
        } else if f.status == .baselined {
            w.key("baselineState")
            w.literal("unchanged")
        }
        w.key("level")
        w.string(level(f.severity))
        w.key("locations")
        w.beginArray()
        w.element()
        writeLocation(f, &w)
        w.endArray()
        w.key("message")
        w.beginObject()
        w.key("text")
        w.out.append(UInt8(ascii: "\""))
        JSONText.escape(f.message, into: &w.out)
        if !f.evidence.isEmpty {
            w.out += f.message.hasSuffix(".") ? " Evidence: " : ". Evidence: "
            for (k, e) in f.evidence.enumerated() {
                if k > 0 { w.out += "; " }
                JSONText.escape(e.field, into: &w.out)
                w.out += " is "
                JSONText.escape(e.observed, into: &w.out)
                w.out += ", expected "
                JSONText.escape(e.expected, into: &w.out)
            }
            w.out.append(UInt8(ascii: "."))
        }
        w.out.append(UInt8(ascii: "\""))
        w.endObject()
        w.key("partialFingerprints")
        w.beginObject()
        w.key(fingerprintKey)
        w.string(fingerprint)
        w.endObject()
        w.key("properties")
        w.beginObject()
        w.field("assetType", f.assetType)
        w.field("environment", f.environment)
        w.field("family", f.family.rawValue)
        w.field("severity", f.severity.rawValue)
        w.field("status", f.status.rawValue)
        w.endObject()
        w.field("ruleId", f.policyID)
        w.field("ruleIndex", ruleIndex)
        if f.status != .open {
            // Rare (waived findings): built as in `result`, then written.
            result(f, ruleIndex: ruleIndex, fingerprint: fingerprint).suppressions.map {
                w.key("suppressions")
                w.beginArray()
                for s in $0 {
                    w.element()
                    s.write(&w)
                }
                w.endArray()
            }
        }
        w.endObject()
    }

    /// `location(f.location, logical: logicalLocations(…))`, written directly.
    private static func writeLocation(_ f: Finding, _ w: inout JSONWriter) {
        let hasAddress = f.address.map { !$0.isEmpty } ?? false, hasAsset = !f.assetName.isEmpty
        let physical = f.location.map { !$0.path.isEmpty } ?? false
        w.beginObject()
        if !physical || hasAddress || hasAsset {
            // Without a file the (possibly empty) list is kept; with one, an empty list is left out.
            w.key("logicalLocations")
            w.beginArray()
            if let address = f.address, hasAddress {
                w.element()
                w.beginObject()
                w.field("fullyQualifiedName", address)
                w.key("kind")
                w.literal("resource")
                w.field("name", lastComponent(address, separator: "."))
                w.endObject()
            }
            if hasAsset {
                w.element()
                w.beginObject()
                w.field("fullyQualifiedName", f.assetName)
                w.key("kind")
                w.literal("object")
                w.field("name", lastComponent(f.assetName, separator: "/"))
                w.endObject()
            }
            w.endArray()
        }
        if physical, let loc = f.location {
            w.key("physicalLocation")
            w.beginObject()
            w.key("artifactLocation")
            w.beginObject()
            // Percent-encoded URIs hold nothing JSON escapes.
            if loc.path.hasPrefix("/") {
                w.key("uri")
                w.out += "\"file://"
                URIPath.encode(loc.path, into: &w.out)
                w.out.append(UInt8(ascii: "\""))
            } else {
                w.key("uri")
                w.out.append(UInt8(ascii: "\""))
                if loc.path.utf8.first == UInt8(ascii: ".") {
                    var p = Substring(loc.path)
                    while p.hasPrefix("./") { p = p.dropFirst(2) }
                    URIPath.encode(String(p), into: &w.out)
                } else {
                    URIPath.encode(loc.path, into: &w.out)
                }
                w.out.append(UInt8(ascii: "\""))
                w.key("uriBaseId")
                w.literal("%SRCROOT%")
            }
            w.endObject()
            let r = region(loc)
            w.key("region")
            w.beginObject()
            if let c = r.endColumn { w.field("endColumn", c) }
            if let l = r.endLine { w.field("endLine", l) }
            if let c = r.startColumn { w.field("startColumn", c) }
            w.field("startLine", r.startLine)
            w.endObject()
            w.endObject()
        }
        w.endObject()
    }

    static func logicalLocations(address: String?, assetName: String, assetType: String) -> [SARIFLog.LogicalLocation] {
        var out: [SARIFLog.LogicalLocation] = []
        if let address, !address.isEmpty {
            out.append(.init(name: lastComponent(address, separator: "."), fullyQualifiedName: address, kind: "resource"))
        }
        if !assetName.isEmpty {
            out.append(.init(name: lastComponent(assetName, separator: "/"), fullyQualifiedName: assetName, kind: "object"))
        }
        return out
    }

    /// The last non-empty `separator`-separated component (`main["primary"]` of an address,
    /// `db` of an asset name).
    private static func lastComponent(_ s: String, separator: Character) -> String {
        // ASCII (nearly every address and asset name): bytes are characters, so search bytes.
        if let sep = separator.asciiValue, let found = s.withUTF8Buffer({ lastASCIIComponent($0, separator: sep) }) {
            return found.isEmpty ? s : found
        }
        var rest = Substring(s)
        while rest.last == separator { rest = rest.dropLast() }
        if let i = rest.lastIndex(of: separator) { return String(rest[rest.index(after: i)...]) }
        return rest.isEmpty ? s : String(rest)
    }

    /// `lastComponent` over ASCII bytes; nil when the text is not all ASCII (a separator byte
    /// could then be part of a longer character, e.g. followed by a combining mark).
    private static func lastASCIIComponent(_ b: UnsafeBufferPointer<UInt8>, separator: UInt8) -> String? {
        var end = b.count
        for x in b where x >= 0x80 { return nil }
        while end > 0, b[end - 1] == separator { end -= 1 }
        var start = end
        while start > 0, b[start - 1] != separator { start -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
    }

    static func location(_ loc: Policy.Location?, logical: [SARIFLog.LogicalLocation]) -> SARIFLog.Location {
        guard let loc, !loc.path.isEmpty else {
            return SARIFLog.Location(physicalLocation: nil, logicalLocations: logical)
        }
        return SARIFLog.Location(
            physicalLocation: .init(artifactLocation: artifactLocation(loc.path), region: region(loc)),
            logicalLocations: logical.isEmpty ? nil : logical)
    }

    static func location(_ range: SourceRange) -> SARIFLog.Location {
        location(Policy.Location(path: range.filename, startLine: range.start.line, startColumn: range.start.column,
                                 endLine: range.end.line, endColumn: range.end.column), logical: [])
    }

    /// Relative paths resolve against `%SRCROOT%`; an absolute path (a notice about a file
    /// outside the root) becomes a `file:` URI.
    static func artifactLocation(_ path: String) -> SARIFLog.ArtifactLocation {
        if path.hasPrefix("/") {
            return .init(uri: "file://" + URIPath.encode(path), uriBaseId: nil, description: nil)
        }
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        return .init(uri: URIPath.encode(String(p)), uriBaseId: srcRoot, description: nil)
    }

    /// Lines and columns are never below 1 (GitHub rejects `startLine: -1`, kics#4431). An
    /// unknown line becomes a file-level region (line 1): GitHub needs a region to show a
    /// result in its file. Unknown columns are left out (the region spans whole lines).
    static func region(_ l: Policy.Location) -> SARIFLog.Region {
        guard l.startLine >= 1 else { return SARIFLog.Region(startLine: 1) }
        let endLine = max(l.endLine, l.startLine)
        let startColumn: Int? = l.startColumn >= 1 ? l.startColumn : nil
        var endColumn: Int? = l.endColumn >= 1 && l.endLine >= l.startLine ? l.endColumn : nil
        if startColumn == nil { endColumn = nil }
        if let s = startColumn, let e = endColumn, endLine == l.startLine, e < s { endColumn = s }
        return SARIFLog.Region(startLine: l.startLine, startColumn: startColumn, endLine: endLine, endColumn: endColumn)
    }

    /// §3.14.14: the base a consumer resolves `%SRCROOT%` against. A relative root (`.`) is
    /// only described — an absolute URI would tie the report to one machine's paths.
    static func sourceRootLocation(_ root: String) -> SARIFLog.ArtifactLocation {
        if root.hasPrefix("/") {
            let dir = root.hasSuffix("/") ? root : root + "/"
            return .init(uri: "file://" + URIPath.encode(dir), uriBaseId: nil, description: .init(text: "The root of the scanned sources"))
        }
        return .init(uri: nil, uriBaseId: nil, description: .init(text: "The root of the scanned sources (\(root))"))
    }

    static func isSemanticVersion(_ v: String) -> Bool {
        let core = v.split(separator: "-", maxSplits: 1).first.map { $0.split(separator: "+").first ?? $0 } ?? ""
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

/// Notifications with their descriptors, numbered in first-use order.
private struct NotificationList {
    var descriptors: [SARIFLog.ReportingDescriptor] = []
    var notifications: [SARIFLog.Notification] = []
    private var index: [String: Int] = [:]

    mutating func add(_ id: String, _ title: String, level: String, _ text: String, locations: [SARIFLog.Location]? = nil) {
        let i: Int
        if let known = index[id] {
            i = known
        } else {
            i = descriptors.count
            index[id] = i
            descriptors.append(.init(id: id, name: nil, shortDescription: .init(text: title), fullDescription: nil,
                                     help: nil, helpUri: nil, defaultConfiguration: .init(level: level), properties: nil))
        }
        notifications.append(.init(level: level, message: .init(text: text), descriptor: .init(id: id, index: i), locations: locations))
    }
}

/// Pretty, key-sorted JSON with a final newline: stable bytes that diff line by line.
func encodeJSON<T: Encodable>(_ value: T) throws -> [UInt8] {
    try SortedJSONEncoder().encode(value)
}
