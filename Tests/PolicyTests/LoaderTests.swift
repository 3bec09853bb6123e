import Foundation
import HCL
import Testing
@testable import Policy

extension PolicyDefinition: CustomTestStringConvertible {
    public var testDescription: String { id }
}

/// Bad policy, profile and constraint files: each a clear error with file:line:column, and
/// the rest still loads.
@Suite struct LoaderTests {
    static let good = """
    id: ACME-001
    title: Buckets are versioned
    family: deletion-protection
    severity: medium
    resourceTypes: [storage.googleapis.com/Bucket]
    condition: resource.?versioning.?enabled.orValue(false)
    rationale: keep versions
    remediation: |
      versioning { enabled = true }
    examples:
      - {compliant: true, asset: {name: //storage.googleapis.com/b, assetType: storage.googleapis.com/Bucket, resource: {data: {versioning: {enabled: true}}}}}
      - {compliant: false, asset: {name: //storage.googleapis.com/b, assetType: storage.googleapis.com/Bucket}}
    """

    func messages(_ text: String, path: String = "custom/p.yaml") -> [String] {
        PolicyLoader.parse(text, path: path, origin: .custom).1.map(\.description)
    }

    @Test func goodCustomPolicyParses() throws {
        let (p, d) = PolicyLoader.parse(Self.good, path: "custom/p.yaml", origin: .custom)
        #expect(d.isEmpty)
        let policy = try #require(p)
        #expect(policy.id == "ACME-001")
        #expect(policy.family == .deletionProtection)
        #expect(policy.condition == "resource.?versioning.?enabled.orValue(false)")
        #expect(policy.conditionRange?.start.line == 6)
        #expect(policy.conditionRange?.start.column == 12)
        #expect(policy.examples.count == 2)
        #expect(policy.examples[1].asset?.attributes?["assetType"] == .string("storage.googleapis.com/Bucket"))
    }

    @Test func unknownResourceTypeNamesFileAndLine() {
        let text = Self.good.replacingOccurrences(of: "[storage.googleapis.com/Bucket]", with: "[storage.googleapis.com/Bukket]")
        #expect(messages(text) == [
            "custom/p.yaml:5:17: error: unknown resource type 'storage.googleapis.com/Bukket' (not a Cloud Asset Inventory asset type Tollgate knows; see KnownAssetTypes)",
        ])
    }

    @Test func missingFieldsAndBadEnums() {
        let text = """
        id: X-1
        family: secrecy
        severity: urgent
        resourceTypes: [storage.googleapis.com/Bucket]
        condition: "true"
        rationale: r
        remediation: r
        examples:
          - {compliant: true, asset: {name: n, assetType: storage.googleapis.com/Bucket}}
        """
        #expect(messages(text) == [
            "custom/p.yaml:1:1: error: missing required field 'title'",
            "custom/p.yaml:2:9: error: 'family' is 'secrecy'; expected one of: least-privilege, private-ip, encryption, public-access, deletion-protection, logging",
            "custom/p.yaml:3:11: error: 'severity' is 'urgent'; expected one of: critical, high, medium, low, info",
            "custom/p.yaml:9:3: error: 'examples' needs at least one non-compliant example",
        ])
    }

    @Test func invalidYAMLIsAnErrorWithPosition() {
        let m = messages("id: [unclosed\ntitle: x\n")
        #expect(m.count == 1)
        #expect(m[0] == "custom/p.yaml:2:6: error: invalid YAML: did not find expected ',' or ']'")
    }

    @Test func unknownFieldsAreErrors() {
        let text = Self.good + "\nseverty: high\n"
        #expect(messages(text) == ["custom/p.yaml:13:1: error: unknown field 'severty' (see docs/policy-language.md)"])
    }

    @Test func aliasBombIsRejectedNotExpanded() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...12 { text += "a\(i): &a\(i) [*a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1)]\n" }
        let profileText = "name: bomb\ndefaultEnvironment: prod\nparams:\n" + text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        let (p, d) = ProfileLoader.parse(profileText, path: "profiles/bomb.yaml")
        #expect(p == nil)
        #expect(d.map(\.description) == ["profiles/bomb.yaml:4:3: error: 'params' must be a mapping"])
    }

    @Test func oneBadCustomPolicyNeverStopsThePack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.good.write(to: dir.appendingPathComponent("good.yaml"), atomically: true, encoding: .utf8)
        try "id: BAD-1\ntitle: [\n".write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        // Replaces a built-in by id.
        let override = Self.good.replacingOccurrences(of: "ACME-001", with: "TG-GCS-004").replacingOccurrences(of: "Buckets are versioned", with: "Overridden")
        try override.write(to: dir.appendingPathComponent("override.yaml"), atomically: true, encoding: .utf8)
        let pack = PolicyPack.load(customDirectories: [dir])
        #expect(pack.diagnostics.count == 1)
        #expect(pack.diagnostics.first?.range?.filename.hasSuffix("bad.yaml") == true)
        #expect(pack.policy("ACME-001")?.origin == .custom)
        #expect(pack.policy("TG-GCS-004")?.title == "Overridden")
        #expect(pack.policy("TG-SQL-001")?.origin == .builtIn)
        #expect(pack.policies.count == PackTests.pack.policies.count + 1)
    }

    @Test func profileMissingAParameterIsAnErrorNamingTheProfile() {
        var pack = PolicyPack()
        pack.add(PolicyDefinition(id: "P-1", title: "t", family: .logging, severity: .low, resourceTypes: ["*"],
                                  condition: "params.minDays > 1", params: ["minDays"], path: "custom/P-1.yaml"))
        let (profile, d) = ProfileLoader.parse("""
        name: thin
        defaultEnvironment: prod
        params: {}
        environments:
          dev: {minDays: 3}
          prod:
        """, path: "profiles/thin.yaml")
        #expect(d.isEmpty)
        pack.add(profile: profile!)
        pack.finish()
        #expect(pack.diagnostics.map(\.description) == [
            "profiles/thin.yaml:1:7: error: profile 'thin' does not define parameter 'minDays' for environment 'prod', which policy P-1 (custom/P-1.yaml) needs",
        ])
    }

    @Test func profileExtendsChainsAndCycles() {
        let a = Profile(name: "a", extends: "b", defaultEnvironment: "", params: ["x": .number(1)])
        let b = Profile(name: "b", defaultEnvironment: "prod", params: ["x": .number(0), "y": .number(2)],
                        environments: ["dev": ["y": .number(3)]])
        let (r, d) = ProfileLoader.resolve([a, b])
        #expect(d.isEmpty)
        #expect(r["a"]?.parameters(for: "dev") == ["x": .number(1), "y": .number(3)])
        #expect(r["a"]?.defaultEnvironment == "prod")
        let c1 = Profile(name: "c1", extends: "c2", defaultEnvironment: "prod")
        let c2 = Profile(name: "c2", extends: "c1", defaultEnvironment: "prod")
        let (_, d2) = ProfileLoader.resolve([c1, c2])
        #expect(d2.map(\.summary) == ["profile 'c1' has an 'extends' cycle through 'c1'", "profile 'c2' has an 'extends' cycle through 'c2'"])
    }

    @Test func customConstraintsLoadAsPolicies() throws {
        let allow = """
        name: organizations/123/customConstraints/custom.sqlNoPublicIp
        resourceTypes:
        - sqladmin.googleapis.com/Instance
        methodTypes: [CREATE, UPDATE]
        condition: "resource.settings.ipConfiguration.ipv4Enabled == false"
        actionType: ALLOW
        displayName: No public IP on Cloud SQL
        description: Cloud SQL instances must not have a public IP.
        """
        let (p, d) = CustomConstraint.parse(allow, path: "constraints/sql.yaml")
        #expect(d.isEmpty)
        let policy = try #require(p)
        #expect(policy.id == "custom.sqlNoPublicIp")
        #expect(policy.title == "No public IP on Cloud SQL")
        #expect(policy.origin == .constraint)
        #expect(policy.denyOnTrue == false)
        #expect(policy.family == .privateIP)
        let deny = allow.replacingOccurrences(of: "ALLOW", with: "DENY")
        #expect(CustomConstraint.parse(deny, path: "c.yaml").0?.denyOnTrue == true)
        let bad = allow.replacingOccurrences(of: "ALLOW", with: "MAYBE")
        #expect(CustomConstraint.parse(bad, path: "c.yaml").1.map(\.description) == ["c.yaml:6:13: error: actionType must be ALLOW or DENY, not 'MAYBE'"])
    }
}
