import HCL
import Policy

/// `tollgate.json` written with `JSONWriter`: the bytes `SortedJSONEncoder` makes of
/// `JSONReport` (the `ScanResult`'s synthesized `Codable` keys, plus `schemaVersion` and
/// `summary`), without the `Codable` machinery. Keys are written in sorted (UTF-8) order, and
/// optional fields are left out when nil, as the synthesized `encodeIfPresent` does.
/// `JSONReporterTests.writerMatchesCodable` holds the two encodings equal.
enum ScanResultJSON {
    static func document(_ r: ScanResult, summary: ScanSummary) -> [UInt8] {
        // ~900 bytes per finding in practice; a good guess saves the buffer's regrowth copies.
        var w = JSONWriter(capacity: 4096 + (r.findings.count + r.resolved.count) * 1000 + r.graph.nodes.count * 200)
        write(r, summary: summary, &w)
        return w.finish()
    }

    /// The document written into `spill` as it is rendered: the same bytes as `document`.
    static func document(_ r: ScanResult, summary: ScanSummary, spill: ReportSpill) {
        var w = JSONWriter(capacity: 2 * ReportSpill.threshold)
        w.spill = spill
        write(r, summary: summary, &w)
        var rest = w.finish()
        spill.flush(&rest)
    }

    private static func write(_ r: ScanResult, summary: ScanSummary, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("coverage")
        w.beginArray()
        for g in r.coverage {
            w.element()
            w.beginObject()
            w.key("kind")
            w.string(g.kind.rawValue)
            if let l = g.location { w.key("location"); location(l, &w) }
            w.field("message", g.message)
            w.field("subject", g.subject)
            w.endObject()
        }
        w.endArray()
        if let failOn = r.failOn { w.key("failOn"); w.string(failOn.rawValue) }
        findings("findings", r.findings, &w)
        w.key("graph")
        w.beginObject()
        w.key("edges")
        w.beginArray()
        for e in r.graph.edges {
            w.checkpoint()
            w.element()
            w.beginObject()
            w.field("from", e.from)
            w.field("kind", e.kind)
            w.field("to", e.to)
            w.endObject()
        }
        w.endArray()
        w.key("nodes")
        w.beginArray()
        for n in r.graph.nodes {
            w.checkpoint()
            w.element()
            w.beginObject()
            w.field("assetType", n.assetType)
            w.field("failing", n.failing)
            w.field("label", n.label)
            w.field("name", n.name)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.key("inventory")
        w.beginArray()
        for e in r.inventory {
            w.element()
            w.beginObject()
            w.field("assetType", e.assetType)
            w.field("count", e.count)
            w.field("environment", e.environment)
            w.endObject()
        }
        w.endArray()
        w.key("notices")
        w.beginArray()
        for d in r.notices {
            w.element()
            diagnostic(d, &w)
        }
        w.endArray()
        w.key("policies")
        w.beginArray()
        for p in r.policies {
            w.element()
            policy(p, &w)
        }
        w.endArray()
        findings("resolved", r.resolved, &w)
        w.field("schemaVersion", JSONReporter.schemaVersion)
        w.key("scope")
        scope(r.scope, &w)
        w.key("summary")
        Self.summary(summary, &w)
        w.key("tallies")
        w.beginArray()
        for t in r.tallies {
            w.element()
            w.beginObject()
            w.field("failed", t.failed)
            w.field("notApplicable", t.notApplicable)
            w.field("passed", t.passed)
            w.field("policyID", t.policyID)
            w.field("undetermined", t.undetermined)
            w.field("waived", t.waived)
            w.endObject()
        }
        w.endArray()
        w.key("tool")
        w.beginObject()
        w.field("informationURI", r.tool.informationURI)
        w.field("name", r.tool.name)
        w.field("policyPackVersion", r.tool.policyPackVersion)
        w.field("version", r.tool.version)
        w.endObject()
        w.key("undetermined")
        w.beginArray()
        for u in r.undetermined {
            w.checkpoint()
            w.element()
            w.beginObject()
            w.field("address", u.address)
            w.field("assetName", u.assetName)
            w.field("assetType", u.assetType)
            w.field("environment", u.environment)
            w.key("family")
            w.string(u.family.rawValue)
            if let l = u.location { w.key("location"); location(l, &w) }
            w.field("policyID", u.policyID)
            w.field("reason", u.reason)
            w.key("severity")
            w.string(u.severity.rawValue)
            w.stringArray("unknowns", u.unknowns)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private static func findings(_ key: StaticString, _ findings: [Finding], _ w: inout JSONWriter) {
        w.key(key)
        w.beginArray()
        // By index: a `Finding` holds a dozen references, and copying each one shows at 50,000.
        for i in findings.indices {
            w.element()
            finding(findings[i], &w)
            w.checkpoint()
        }
        w.endArray()
    }

    private static func finding(_ f: Finding, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("address", f.address)
        w.field("assetName", f.assetName)
        w.field("assetType", f.assetType)
        if let b = f.baselineState { w.key("baselineState"); w.string(b.rawValue) }
        w.field("environment", f.environment)
        w.key("evidence")
        w.beginArray()
        for e in f.evidence {
            w.element()
            w.beginObject()
            w.field("expected", e.expected)
            w.field("field", e.field)
            w.field("observed", e.observed)
            w.endObject()
        }
        w.endArray()
        w.key("family")
        w.string(f.family.rawValue)
        w.field("fingerprint", f.fingerprint)
        if let l = f.location { w.key("location"); location(l, &w) }
        w.field("message", f.message)
        w.field("policyID", f.policyID)
        w.key("severity")
        w.string(f.severity.rawValue)
        w.field("source", f.source)
        w.key("status")
        w.string(f.status.rawValue)
        if let s = f.suppression {
            w.key("suppression")
            w.beginObject()
            w.field("expires", s.expires)
            w.key("kind")
            w.string(s.kind.rawValue)
            if let l = s.location { w.key("location"); location(l, &w) }
            w.field("owner", s.owner)
            w.field("reason", s.reason)
            w.endObject()
        }
        w.endObject()
    }

    private static func location(_ l: Location, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("endColumn", l.endColumn)
        w.field("endLine", l.endLine)
        w.field("path", l.path)
        w.field("startColumn", l.startColumn)
        w.field("startLine", l.startLine)
        w.endObject()
    }

    private static func diagnostic(_ d: Diagnostic, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("detail", d.detail)
        if let r = d.range {
            w.key("range")
            w.beginObject()
            w.key("end")
            position(r.end, &w)
            w.field("filename", r.filename)
            w.key("start")
            position(r.start, &w)
            w.endObject()
        }
        w.key("severity")
        w.string(d.severity.rawValue)
        w.field("summary", d.summary)
        w.endObject()
    }

    private static func position(_ p: SourcePosition, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("column", p.column)
        w.field("line", p.line)
        w.field("offset", p.offset)
        w.endObject()
    }

    private static func policy(_ p: PolicyMetadata, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("compliantExample", p.compliantExample)
        w.key("controls")
        w.beginObject()
        for framework in p.controls.keys.sorted() {
            w.key(framework)
            w.beginArray()
            for id in p.controls[framework]! {
                w.element()
                w.string(id)
            }
            w.endArray()
        }
        w.endObject()
        w.key("family")
        w.string(p.family.rawValue)
        w.field("helpURI", p.helpURI)
        w.field("id", p.id)
        w.field("origin", p.origin)
        w.field("rationale", p.rationale)
        w.field("remediation", p.remediation)
        w.stringArray("resourceTypes", p.resourceTypes)
        w.key("severity")
        w.string(p.severity.rawValue)
        w.field("title", p.title)
        w.endObject()
    }

    private static func scope(_ s: Scope, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("automationID", s.automationID)
        w.stringArray("environments", s.environments)
        w.field("gitCommit", s.gitCommit)
        w.key("inputs")
        w.beginArray()
        for i in s.inputs {
            w.element()
            w.beginObject()
            w.field("kind", i.kind)
            w.field("path", i.path)
            w.field("sha256", i.sha256)
            w.endObject()
        }
        w.endArray()
        w.field("profile", s.profile)
        w.field("sourceRoot", s.sourceRoot)
        w.field("startedAt", s.startedAt)
        w.endObject()
    }

    private static func summary(_ s: ScanSummary, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("coverageGaps", s.coverageGaps)
        w.field("exitCode", Int(s.exitCode))
        w.key("findings")
        w.beginObject()
        w.field("baselined", s.findings.baselined)
        w.field("gating", s.findings.gating)
        w.key("open")
        w.beginObject()
        for severity in s.findings.open.keys.sorted() {
            w.key(severity)
            w.integer(s.findings.open[severity]!)
        }
        w.endObject()
        w.field("openTotal", s.findings.openTotal)
        w.field("resolved", s.findings.resolved)
        w.field("suppressed", s.findings.suppressed)
        w.endObject()
        w.field("notices", s.notices)
        w.field("passedChecks", s.passedChecks)
        w.field("reason", s.reason)
        w.field("undetermined", s.undetermined)
        w.field("verdict", s.verdict)
        w.endObject()
    }
}
