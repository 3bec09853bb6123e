import Policy

/// JUnit XML for Jenkins and GitLab: one `<testsuite>` per policy family, a `<testcase>` per
/// failing, waived or undetermined policy × asset, one passing `<testcase>` per policy that
/// counts the assets it passed on (the result keeps only the count, not their names), and a
/// `coverage` suite whose gaps are `<error>`s. Open findings are `<failure>`s; suppressed,
/// baselined, undetermined and not-applicable checks are `<skipped>`.
public struct JUnitReporter: Reporter {
    public var format: ReportFormat { .junit }

    public init() {}

    public func render(normalized result: ScanResult) throws -> [UInt8] {
        Array(document(result).utf8)
    }

    func document(_ r: ScanResult) -> String {
        var policies: [String: PolicyMetadata] = [:]
        for p in r.policies where policies[p.id] == nil { policies[p.id] = p }
        var tallies: [String: PolicyTally] = [:]
        for t in r.tallies where tallies[t.policyID] == nil { tallies[t.policyID] = t }
        var findings: [String: [Finding]] = [:]
        for f in r.findings { findings[f.policyID, default: []].append(f) }
        var undetermined: [String: [Undetermined]] = [:]
        for u in r.undetermined { undetermined[u.policyID, default: []].append(u) }

        // Every policy id, with its family: from metadata, else from its findings.
        var family: [String: Family] = [:]
        for p in r.policies where family[p.id] == nil { family[p.id] = p.family }
        for f in r.findings where family[f.policyID] == nil { family[f.policyID] = f.family }
        for u in r.undetermined where family[u.policyID] == nil { family[u.policyID] = u.family }

        // Timestamps in JUnit (Ant's schema) are local date-times without a zone.
        let timestamp = Self.antTimestamp(r.scope.startedAt)
        var suites: [Suite] = []
        for fam in Family.allCases {
            var suite = Suite(name: "tollgate.\(fam.rawValue)")
            for id in family.keys.filter({ family[$0] == fam }).sorted() {
                let classname = "\(fam.rawValue).\(id)"
                let title = policies[id]?.title ?? id
                for f in findings[id] ?? [] {
                    var c = TestCase(classname: classname, name: Self.subject(f.address, f.assetName), location: f.location)
                    switch f.status {
                    case .open:
                        c.outcome = .failure(message: f.message, type: f.severity.rawValue,
                                             detail: Self.failureDetail(f, title: title, remediation: policies[id]?.remediation ?? ""))
                    case .suppressed:
                        let s = f.suppression
                        c.outcome = .skipped(message: "suppressed (\(s?.kind.rawValue ?? "config")): \(s?.reason ?? "no reason given")" + Self.waiverTail(s))
                    case .baselined:
                        c.outcome = .skipped(message: "baselined: \(f.suppression?.reason ?? "present in the baseline")" + Self.waiverTail(f.suppression))
                    }
                    suite.add(c)
                }
                for u in undetermined[id] ?? [] {
                    var c = TestCase(classname: classname, name: Self.subject(u.address, u.assetName), location: u.location)
                    c.outcome = .skipped(message: "undetermined: needs \(u.unknowns.joined(separator: ", ")) (\(u.reason))")
                    suite.add(c)
                }
                if let t = tallies[id] {
                    if t.notApplicable {
                        var c = TestCase(classname: classname, name: "not applicable", location: nil)
                        c.outcome = .skipped(message: "no asset in scope for \(id)")
                        suite.add(c)
                    } else if t.passed > 0 {
                        suite.add(TestCase(classname: classname, name: "passed on \(plural(t.passed, "asset"))", location: nil))
                    }
                }
            }
            if !suite.cases.isEmpty { suites.append(suite) }
        }
        if !r.coverage.isEmpty {
            var suite = Suite(name: "tollgate.coverage")
            for g in r.coverage {
                var c = TestCase(classname: "coverage.\(g.kind.rawValue)", name: g.subject, location: g.location)
                c.outcome = .error(message: g.message, type: g.kind.rawValue)
                suite.add(c)
            }
            suites.append(suite)
        }

        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.failures }
        let errors = suites.reduce(0) { $0 + $1.errors }
        let skipped = suites.reduce(0) { $0 + $1.skipped }
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x.reserveCapacity(256 + tests * 400)
        x += "<testsuites name=\"tollgate\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"0\">\n"
        for s in suites {
            x += "  <testsuite name=\"\(XML.attribute(s.name))\" tests=\"\(s.cases.count)\" failures=\"\(s.failures)\" errors=\"\(s.errors)\" skipped=\"\(s.skipped)\" time=\"0\""
            if let timestamp { x += " timestamp=\"\(timestamp)\"" }
            x += ">\n"
            for c in s.cases { c.write(to: &x) }
            x += "  </testsuite>\n"
        }
        x += "</testsuites>\n"
        return x
    }

    private static func subject(_ address: String?, _ assetName: String) -> String {
        if let address, !address.isEmpty { return address }
        return assetName
    }

    private static func waiverTail(_ s: Suppression?) -> String {
        var parts: [String] = []
        if let owner = s?.owner { parts.append("owner \(owner)") }
        if let expires = s?.expires { parts.append("expires \(expires)") }
        return parts.isEmpty ? "" : "; " + parts.joined(separator: ", ")
    }

    private static func failureDetail(_ f: Finding, title: String, remediation: String) -> String {
        var d = "\(f.policyID): \(title)\nSeverity: \(f.severity.rawValue)\nAsset: \(f.assetName) (\(f.assetType))\n"
        if let a = f.address { d += "Address: \(a)\n" }
        if let e = f.environment { d += "Environment: \(e)\n" }
        if let l = f.location, !l.path.isEmpty {
            d += "Location: \(l.path)" + (l.startLine >= 1 ? ":\(l.startLine)" + (l.startColumn >= 1 ? ":\(l.startColumn)" : "") : "") + "\n"
        }
        for e in f.evidence { d += "Evidence: \(e.field) is \(e.observed), expected \(e.expected)\n" }
        if !remediation.isEmpty { d += "Remediation:\n\(remediation)\n" }
        return d
    }

    static func antTimestamp(_ rfc3339: String) -> String? {
        let u = Array(rfc3339.utf8)
        guard u.count >= 19, u[4] == UInt8(ascii: "-"), u[10] == UInt8(ascii: "T") else { return nil }
        return String(decoding: u[..<19], as: UTF8.self)
    }

    private struct Suite {
        var name: String
        var cases: [TestCase] = []
        var failures = 0, errors = 0, skipped = 0

        mutating func add(_ c: TestCase) {
            switch c.outcome {
            case .passed: break
            case .failure: failures += 1
            case .error: errors += 1
            case .skipped: skipped += 1
            }
            cases.append(c)
        }
    }

    private struct TestCase {
        enum Outcome {
            case passed
            case failure(message: String, type: String, detail: String)
            case error(message: String, type: String)
            case skipped(message: String)
        }

        var classname: String
        var name: String
        var location: Location?
        var outcome = Outcome.passed

        init(classname: String, name: String, location: Location?) {
            self.classname = classname
            self.name = name
            self.location = location
        }

        func write(to x: inout String) {
            x += "    <testcase classname=\"\(XML.attribute(classname))\" name=\"\(XML.attribute(name))\""
            if let location, !location.path.isEmpty {
                // `file` (and `line`) let GitLab link the test case to the source.
                x += " file=\"\(XML.attribute(location.path))\""
                if location.startLine >= 1 { x += " line=\"\(location.startLine)\"" }
            }
            x += " time=\"0\""
            switch outcome {
            case .passed:
                x += "/>\n"
            case .failure(let message, let type, let detail):
                x += ">\n      <failure message=\"\(XML.attribute(message))\" type=\"\(XML.attribute(type))\">\(XML.text(detail))</failure>\n    </testcase>\n"
            case .error(let message, let type):
                x += ">\n      <error message=\"\(XML.attribute(message))\" type=\"\(XML.attribute(type))\"/>\n    </testcase>\n"
            case .skipped(let message):
                x += ">\n      <skipped message=\"\(XML.attribute(message))\"/>\n    </testcase>\n"
            }
        }
    }
}

/// XML 1.0 escaping (§2.4 character data, §3.3.3 attribute-value normalization).
enum XML {
    /// Attribute values: markup characters escaped, and tab and line breaks as character
    /// references so attribute normalization keeps them.
    static func attribute(_ s: String) -> String { escape(s, attribute: true) }

    /// Character data: `&`, `<`, `>` escaped (`>` so `]]>` cannot occur), `\r` kept as a reference.
    static func text(_ s: String) -> String { escape(s, attribute: false) }

    private static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\r": out += "&#13;"
            case "\n", "\t": out.unicodeScalars.append(u)
            default:
                // §2.2: C0 controls other than tab and line breaks, and U+FFFE/U+FFFF, are not
                // XML characters at all; they become the replacement character.
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
