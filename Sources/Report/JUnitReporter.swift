import Policy

/// JUnit XML for Jenkins and GitLab: one `<testsuite>` per policy family, a `<testcase>` per
/// failing, waived or undetermined policy × asset, one passing `<testcase>` per policy that
/// counts the assets it passed on (the result keeps only the count, not their names), and a
/// `coverage` suite whose gaps are `<error>`s. Open findings are `<failure>`s; suppressed,
/// baselined, undetermined and not-applicable checks are `<skipped>`.
public struct JUnitReporter: SpillingReporter {
    public var format: ReportFormat { .junit }

    public init() {}

    public func render(normalized result: ScanResult) throws -> [UInt8] {
        document(result)
    }

    func render(normalized result: ScanResult, spill: ReportSpill) {
        _ = document(result, spill: spill)
    }

    /// The document; with a spill it is written there (the header and every suite's header
    /// around the suites' bodies, without first copying them into one buffer) and nothing
    /// is returned.
    func document(_ r: ScanResult, spill: ReportSpill? = nil) -> [UInt8] {
        var policies: [String: PolicyMetadata] = [:]
        for p in r.policies where policies[p.id] == nil { policies[p.id] = p }
        var tallies: [String: PolicyTally] = [:]
        for t in r.tallies where tallies[t.policyID] == nil { tallies[t.policyID] = t }
        // Finding indices per policy: a `Finding` is large, and copying 50,000 of them shows.
        var findings: [String: [Int]] = [:]
        for i in r.findings.indices { findings[r.findings[i].policyID, default: []].append(i) }
        var undetermined: [String: [Int]] = [:]
        for i in r.undetermined.indices { undetermined[r.undetermined[i].policyID, default: []].append(i) }

        // Every policy id, with its family: from metadata, else from its findings.
        var family: [String: Family] = [:]
        for p in r.policies where family[p.id] == nil { family[p.id] = p.family }
        for i in r.findings.indices where family[r.findings[i].policyID] == nil { family[r.findings[i].policyID] = r.findings[i].family }
        for u in r.undetermined where family[u.policyID] == nil { family[u.policyID] = u.family }

        // Timestamps in JUnit (Ant's schema) are local date-times without a zone.
        let timestamp = Self.antTimestamp(r.scope.startedAt)
        // Cases are written straight into one buffer per suite (its header needs the counts
        // first), with per-policy text (class name, title, remediation) escaped once.
        let estimate = 512 + r.findings.count * 640 + r.undetermined.count * 300
        var x: [UInt8] = []
        if spill == nil { x.reserveCapacity(estimate) }
        var body: [UInt8] = []
        var total = Counts()
        var suites: [(name: String, counts: Counts, start: Int)] = []
        var bodies: [UInt8] = []
        bodies.reserveCapacity(estimate)
        // Findings read through a buffer: `let f = r.findings[i]` would copy each one (a
        // dozen retains), a large share of this report's time at 50,000 findings.
        r.findings.withUnsafeBufferPointer { all in
            for fam in Family.allCases {
                body.removeAll(keepingCapacity: true)
                var counts = Counts()
                for id in family.keys.filter({ family[$0] == fam }).sorted() {
                    var classname: [UInt8] = []
                    XML.attribute(fam.rawValue + "." + id, into: &classname)
                    let policy = policies[id]
                    var tail: [UInt8] = []  // the failure detail after the per-finding lines
                    if let remediation = policy?.remediation, !remediation.isEmpty {
                        tail += "Remediation:\n"
                        XML.text(remediation, into: &tail)
                        tail += "\n"
                    }
                    let title = policy?.title ?? id
                    for i in findings[id] ?? [] {
                        Self.findingCase(all[i], classname: classname, title: title, tail: tail, counts: &counts, into: &body)
                    }
                    for i in undetermined[id] ?? [] {
                        let u = r.undetermined[i]
                        Self.caseStart(classname, Self.subject(u.address, u.assetName), u.location, into: &body)
                        body += ">\n      <skipped message=\"undetermined: needs "
                        for (k, unknown) in u.unknowns.enumerated() {
                            if k > 0 { body += ", " }
                            XML.attribute(unknown, into: &body)
                        }
                        body += " ("
                        XML.attribute(u.reason, into: &body)
                        body += ")\"/>\n    </testcase>\n"
                        counts.tests += 1
                        counts.skipped += 1
                    }
                    if let t = tallies[id] {
                        if t.notApplicable {
                            Self.caseStart(classname, "not applicable", nil, into: &body)
                            body += ">\n      <skipped message=\"no asset in scope for "
                            XML.attribute(id, into: &body)
                            body += "\"/>\n    </testcase>\n"
                            counts.tests += 1
                            counts.skipped += 1
                        } else if t.passed > 0 {
                            Self.caseStart(classname, "passed on \(plural(t.passed, "asset"))", nil, into: &body)
                            body += "/>\n"
                            counts.tests += 1
                        }
                    }
                }
                if counts.tests > 0 {
                    suites.append(("tollgate.\(fam.rawValue)", counts, bodies.count))
                    bodies += body
                    total.add(counts)
                }
            }
        }
        if !r.coverage.isEmpty {
            body.removeAll(keepingCapacity: true)
            var counts = Counts()
            for g in r.coverage {
                var classname: [UInt8] = []
                XML.attribute("coverage.\(g.kind.rawValue)", into: &classname)
                Self.caseStart(classname, g.subject, g.location, into: &body)
                body += ">\n      <error message=\""
                XML.attribute(g.message, into: &body)
                body += "\" type=\""
                XML.attribute(g.kind.rawValue, into: &body)
                body += "\"/>\n    </testcase>\n"
                counts.tests += 1
                counts.errors += 1
            }
            suites.append(("tollgate.coverage", counts, bodies.count))
            bodies += body
            total.add(counts)
        }

        x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x += "<testsuites name=\"tollgate\""
        total.write(into: &x)
        x += ">\n"
        for (k, s) in suites.enumerated() {
            x += "  <testsuite name=\""
            XML.attribute(s.name, into: &x)
            x += "\""
            s.counts.write(into: &x)
            if let timestamp { x += " timestamp=\"\(timestamp)\"" }
            x += ">\n"
            let end = k + 1 < suites.count ? suites[k + 1].start : bodies.count
            if let spill {
                spill.flush(&x)
                spill.write(bodies[s.start..<end])
            } else {
                x.append(contentsOf: bodies[s.start..<end])
            }
            x += "  </testsuite>\n"
        }
        x += "</testsuites>\n"
        if let spill { spill.flush(&x) }
        return x
    }

    /// One finding's `<testcase>` (a function, so the finding is borrowed, not copied).
    private static func findingCase(_ f: Finding, classname: [UInt8], title: String, tail: [UInt8],
                                    counts: inout Counts, into body: inout [UInt8]) {
        caseStart(classname, subject(f.address, f.assetName), f.location, into: &body)
        switch f.status {
        case .open:
            counts.failures += 1
            body += ">\n      <failure message=\""
            XML.attribute(f.message, into: &body)
            body += "\" type=\""
            body += f.severity.rawValue
            body += "\">"
            failureDetail(f, title: title, into: &body)
            body += tail
            body += "</failure>\n    </testcase>\n"
        case .suppressed:
            counts.skipped += 1
            let s = f.suppression
            body += ">\n      <skipped message=\"suppressed ("
            body += s?.kind.rawValue ?? "config"
            body += "): "
            XML.attribute(s?.reason ?? "no reason given", into: &body)
            waiverTail(s, into: &body)
            body += "\"/>\n    </testcase>\n"
        case .baselined:
            counts.skipped += 1
            body += ">\n      <skipped message=\"baselined: "
            XML.attribute(f.suppression?.reason ?? "present in the baseline", into: &body)
            waiverTail(f.suppression, into: &body)
            body += "\"/>\n    </testcase>\n"
        }
        counts.tests += 1
    }

    private struct Counts {
        var tests = 0, failures = 0, errors = 0, skipped = 0

        mutating func add(_ c: Counts) {
            tests += c.tests
            failures += c.failures
            errors += c.errors
            skipped += c.skipped
        }

        /// ` tests="…" failures="…" errors="…" skipped="…" time="0"`
        func write(into x: inout [UInt8]) {
            x += " tests=\""
            x.append(decimal: tests)
            x += "\" failures=\""
            x.append(decimal: failures)
            x += "\" errors=\""
            x.append(decimal: errors)
            x += "\" skipped=\""
            x.append(decimal: skipped)
            x += "\" time=\"0\""
        }
    }

    /// `<testcase classname name [file line] time` — the element is closed by the caller.
    private static func caseStart(_ classname: [UInt8], _ name: String, _ location: Location?, into x: inout [UInt8]) {
        x += "    <testcase classname=\""
        x += classname
        x += "\" name=\""
        XML.attribute(name, into: &x)
        x += "\""
        if let location, !location.path.isEmpty {
            // `file` (and `line`) let GitLab link the test case to the source.
            x += " file=\""
            XML.attribute(location.path, into: &x)
            x += "\""
            if location.startLine >= 1 {
                x += " line=\""
                x.append(decimal: location.startLine)
                x += "\""
            }
        }
        x += " time=\"0\""
    }

    private static func subject(_ address: String?, _ assetName: String) -> String {
        if let address, !address.isEmpty { return address }
        return assetName
    }

    /// `; owner O, expires E` (escaped for an attribute), or nothing.
    private static func waiverTail(_ s: Suppression?, into x: inout [UInt8]) {
        let owner = s?.owner, expires = s?.expires
        guard owner != nil || expires != nil else { return }
        x += "; "
        if let owner {
            x += "owner "
            XML.attribute(owner, into: &x)
        }
        if let expires {
            if owner != nil { x += ", " }
            x += "expires "
            XML.attribute(expires, into: &x)
        }
    }

    /// The failure's text up to the remediation, escaped piece by piece (the same bytes as
    /// escaping the joined text: escapes never span pieces, which are whole UTF-8 strings).
    private static func failureDetail(_ f: Finding, title: String, into x: inout [UInt8]) {
        XML.text(f.policyID, into: &x)
        x += ": "
        XML.text(title, into: &x)
        x += "\nSeverity: "
        x += f.severity.rawValue
        x += "\nAsset: "
        XML.text(f.assetName, into: &x)
        x += " ("
        XML.text(f.assetType, into: &x)
        x += ")\n"
        if let a = f.address {
            x += "Address: "
            XML.text(a, into: &x)
            x += "\n"
        }
        if let e = f.environment {
            x += "Environment: "
            XML.text(e, into: &x)
            x += "\n"
        }
        if let l = f.location, !l.path.isEmpty {
            x += "Location: "
            XML.text(l.path, into: &x)
            if l.startLine >= 1 {
                x += ":"
                x.append(decimal: l.startLine)
                if l.startColumn >= 1 {
                    x += ":"
                    x.append(decimal: l.startColumn)
                }
            }
            x += "\n"
        }
        for e in f.evidence {
            x += "Evidence: "
            XML.text(e.field, into: &x)
            x += " is "
            XML.text(e.observed, into: &x)
            x += ", expected "
            XML.text(e.expected, into: &x)
            x += "\n"
        }
    }

    static func antTimestamp(_ rfc3339: String) -> String? {
        let u = Array(rfc3339.utf8)
        guard u.count >= 19, u[4] == UInt8(ascii: "-"), u[10] == UInt8(ascii: "T") else { return nil }
        return String(decoding: u[..<19], as: UTF8.self)
    }
}

/// XML 1.0 escaping (§2.4 character data, §3.3.3 attribute-value normalization), on UTF-8.
enum XML {
    /// Attribute values: markup characters escaped, and tab and line breaks as character
    /// references so attribute normalization keeps them.
    static func attribute(_ s: String, into out: inout [UInt8]) { escape(s, attribute: true, into: &out) }

    /// Character data: `&`, `<`, `>` escaped (`>` so `]]>` cannot occur), `\r` kept as a reference.
    static func text(_ s: String, into out: inout [UInt8]) { escape(s, attribute: false, into: &out) }

    private static func escape(_ s: String, attribute: Bool, into out: inout [UInt8]) {
        s.withUTF8Buffer { escape(bytes: $0, attribute: attribute, into: &out) }
    }

    private static func escape(bytes: UnsafeBufferPointer<UInt8>, attribute: Bool, into out: inout [UInt8]) {
        if !ByteScan.xml(bytes) {
            out.append(contentsOf: bytes)
            return
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "&"): out += "&amp;"
            case UInt8(ascii: "<"): out += "&lt;"
            case UInt8(ascii: ">"): out += "&gt;"
            case UInt8(ascii: "\"") where attribute: out += "&quot;"
            case UInt8(ascii: "\n") where attribute: out += "&#10;"
            case UInt8(ascii: "\t") where attribute: out += "&#9;"
            case UInt8(ascii: "\r"): out += "&#13;"
            case UInt8(ascii: "\n"), UInt8(ascii: "\t"): out.append(b)
            case 0..<0x20:
                // §2.2: other C0 controls are not XML characters at all.
                out += "\u{FFFD}"
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                // U+FFFE and U+FFFF are not XML characters either.
                out += "\u{FFFD}"
                i += 2
            default:
                out.append(b)
            }
            i += 1
        }
    }
}
