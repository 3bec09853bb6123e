import Foundation
import HCL
import Testing
@testable import Policy

/// The built-in pack as shipped: loads cleanly, meets the pack's authoring rules, and the
/// profiles carry the InterviewLM numbers exactly.
@Suite struct PackTests {
    static let pack = PolicyPack.load()

    @Test func builtInPackLoadsWithoutDiagnostics() {
        #expect(Self.pack.diagnostics.map(\.description) == [])
        #expect(Self.pack.policies.count >= 70)
        #expect(Set(Self.pack.profiles.keys) == ["gcp-baseline", "interviewlm"])
    }

    @Test func everyFamilyHasPolicies() {
        let families = Dictionary(grouping: Self.pack.policies, by: \.family).mapValues(\.count)
        for f in Family.allCases { #expect((families[f] ?? 0) >= 9, "family \(f.rawValue)") }
    }

    @Test(arguments: PackTests.pack.policies)
    func policyMeetsAuthoringRules(_ p: PolicyDefinition) {
        #expect(p.id.hasPrefix("TG-"))
        #expect(p.path == "policies/\(p.family.rawValue)/\(p.id).yaml")
        #expect(!p.rationale.isEmpty && !p.remediation.isEmpty)
        #expect(p.remediation.contains("resource \"") || p.remediation.contains("#"), "remediation is a Terraform snippet")
        let tf = p.examples.filter { $0.terraform != nil }
        #expect(tf.contains { $0.compliant }, "a compliant Terraform example")
        #expect(tf.contains { !$0.compliant }, "a non-compliant Terraform example")
        if p.liveDecidable {
            #expect(p.examples.contains { !$0.compliant && $0.asset != nil }, "a non-compliant CAI example")
        }
        for e in p.examples {
            if let prof = e.profile { #expect(Self.pack.profiles[prof] != nil) }
        }
    }

    /// The 40 policies the issue lists, by the id that implements each.
    @Test func theFortyListedPoliciesExist() {
        let ids = ["TG-IAM-001", "TG-IAM-002", "TG-IAM-003", "TG-RUN-001", "TG-RUN-002", "TG-IAM-004", "TG-IAM-005",
                   "TG-IAM-006", "TG-IAM-007", "TG-IAM-008", "TG-SQL-001", "TG-SQL-002", "TG-SQL-003", "TG-SQL-004",
                   "TG-REDIS-001", "TG-RUN-003", "TG-RUN-004", "TG-RUN-005", "TG-NET-001", "TG-NET-002", "TG-NET-003",
                   "TG-SQL-005", "TG-REDIS-002", "TG-REDIS-003", "TG-SQL-006", "TG-AR-001", "TG-KMS-001", "TG-GCS-001",
                   "TG-GCS-002", "TG-GCS-003", "TG-RUN-008", "TG-SEC-001", "TG-IAM-012", "TG-SQL-007", "TG-SQL-008",
                   "TG-SQL-009", "TG-SQL-010", "TG-SQL-011", "TG-GCS-004", "TG-LOG-001", "TG-LOG-002", "TG-NET-007",
                   "TG-SQL-012", "TG-SQL-013", "TG-SQL-014", "TG-MON-001", "TG-AR-003"]
        let missing = ids.filter { Self.pack.policy($0) == nil }
        #expect(missing == [])
    }

    @Test func interviewlmEnvironmentTable() throws {
        let p = try #require(Self.pack.profiles["interviewlm"])
        #expect(p.defaultEnvironment == "prod")
        func param(_ env: String, _ name: String) -> Value? { p.parameters(for: env)[name] }
        #expect(["dev", "staging", "prod"].map { param($0, "minRetainedBackups") } == [.number(3), .number(7), .number(30)])
        #expect(["dev", "staging", "prod"].map { param($0, "requirePointInTimeRecovery") } == [.false, .true, .true])
        #expect(["dev", "staging", "prod"].map { param($0, "requireDeletionProtection") } == [.false, .true, .true])
        #expect(["dev", "staging", "prod"].map { param($0, "requireHighAvailability") } == [.false, .false, .true])
        #expect(["dev", "staging", "prod"].map { param($0, "requireRedisHighAvailability") } == [.false, .false, .true])
        #expect(["dev", "staging", "prod"].map { param($0, "minLogRetentionDays") } == [.number(30), .number(60), .number(90)])
        #expect(["dev", "staging", "prod"].map { param($0, "requireAlertPolicies") } == [.false, .true, .true])
        // Inherited from gcp-baseline and overridden.
        #expect(param("prod", "requireCustomerManagedKeys") == .false)
        #expect(p.severity["TG-SQL-006"] == .low)
        let lists = try #require(param("prod", "serviceAccountAllowlists")?.elements)
        let roles = lists.map { ($0.attributes?["roles"]?.elements ?? []).compactMap(\.stringValue) }
        #expect(roles.map(\.count) == [6, 4])
        #expect(roles[1] == ["roles/run.admin", "roles/artifactregistry.writer", "roles/secretmanager.viewer", "roles/storage.admin"])
        let tiers = try #require(param("prod", "storageLifecycleTiers")?.elements)
        #expect(tiers.map { $0.attributes?["ageDays"] } == [.number(30), .number(90), .number(365)])
    }

    @Test func gcpBaselineDefinesEveryParameterThePackUses() throws {
        let p = try #require(Self.pack.profiles["gcp-baseline"])
        let used = Set(Self.pack.policies.flatMap(\.params))
        for env in ["dev", "staging", "prod"] {
            #expect(used.subtracting(p.parameters(for: env).keys).sorted() == [], "env \(env)")
        }
    }
}

/// The compiled-in pack (Sources/Policy/BuiltInPolicies.swift) is exactly `policies/`.
@Suite struct BuiltInPoliciesTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func builtInPoliciesMatchTheRepository() throws {
        let dir = Self.repoRoot.appendingPathComponent("policies")
        var onDisk: [String: String] = [:]
        for (url, rel) in PolicyPack.yamlFiles(under: dir) {
            onDisk[rel] = try String(contentsOf: url, encoding: .utf8)
        }
        var compiled: [String: String] = [:]
        for f in BuiltInPolicies.files { compiled[f.path] = f.text + "\n" }
        let stale = Set(onDisk.keys).symmetricDifference(compiled.keys).union(onDisk.keys.filter { compiled[$0] != nil && compiled[$0] != onDisk[$0] })
        #expect(stale.sorted() == [], "run: python3 scripts/generate-builtin-policies.py")
    }
}

/// docs/policies/ is generated from the pack (`tollgate policies docs`); stale pages fail.
@Suite struct PolicyDocsTests {
    @Test func pagesAreUpToDate() throws {
        let dir = BuiltInPoliciesTests.repoRoot.appendingPathComponent("docs/policies")
        let expected = PolicyPage.allPages(PackTests.pack)
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".md") }
        #expect(Set(onDisk) == Set(expected.keys), "run: swift run tollgate policies docs")
        let stale = expected.keys.sorted().filter { name in
            let url = dir.appendingPathComponent(name)
            return (try? String(contentsOf: url, encoding: .utf8)) != expected[name]
        }
        #expect(stale == [], "run: swift run tollgate policies docs")
        #expect(expected.count == PackTests.pack.policies.count + 1)
        _ = try #require(expected["TG-SQL-001.md"])
    }
}
