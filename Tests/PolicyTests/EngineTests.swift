import Assets
import Foundation
import HCL
import Terraform
import Testing
@testable import Policy

/// A scratch Terraform repository: files written under a temporary scan root, evaluated and
/// converted the way the scan command does it.
struct Scratch {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func write(_ rel: String, _ text: String) throws {
        let url = root.appendingPathComponent(rel)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Evaluates root module `dir` and runs the policy stage.
    func scan(_ dir: String, profile: String = "gcp-baseline", only: Set<String>? = nil, env: String? = nil,
              config: String? = nil, inline: Bool = true, baseline: Baseline? = nil, today: String = "2026-11-26",
              pack: PolicyPack = PackTests.pack) -> (PolicyScan.Output, [ResourceInstance]) {
        var options = EvaluationOptions()
        options.environment = [:]
        options.scanRoot = root.path
        let (r, _) = ConfigurationEvaluator.evaluateRoot(directory: root.appendingPathComponent(dir).path, options: options)
        let assets = TerraformConverter.convert(r.instances).assets
        let engine = PolicyEngine(pack: pack, profile: pack.profiles[profile]!)
        var input = PolicyScan.Input(graph: AssetGraph(assets: assets), today: today)
        input.options = PolicyEngine.Options(environment: env, onlyPolicies: only, preventDestroy: PolicyScan.preventDestroy(of: r.instances))
        input.inlineComments = PolicyScan.inlineComments(of: r.instances)
        input.inlineSuppressions = inline
        input.baseline = baseline
        if let config { input.configSuppressions = SuppressionRule.parseConfig(config, path: ".tollgate.yaml") }
        return (PolicyScan.run(engine: engine, input: input), r.instances)
    }
}

@Suite struct EngineTests {
    static let sql = """
    resource "google_sql_database_instance" "db" {
      project          = "p"
      name             = "db"
      region           = "us-central1"
      database_version = "POSTGRES_16"
      settings {
        tier = "db-f1-micro"
        ip_configuration {
          ipv4_enabled    = true
          private_network = var.network
        }
      }
    }

    variable "network" {
      type = string
    }

    resource "google_project_iam_member" "owner" {
      project = "p"
      role    = "roles/owner"
      member  = "user:alice@example.com"
    }
    """

    @Test func threeOutcomesAndTheirLocations() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.write("stack/main.tf", Self.sql)
        let (out, _) = s.scan("stack", only: ["TG-SQL-001", "TG-SQL-002", "TG-SQL-005", "TG-SQL-012", "TG-IAM-001"])
        let byPolicy = Dictionary(grouping: out.findings, by: \.policyID)
        // Attribute: the failing attribute's range.
        let ipv4 = try #require(byPolicy["TG-SQL-001"]?.first)
        #expect(ipv4.location == Location(path: "stack/main.tf", startLine: 9, startColumn: 7, endLine: 9, endColumn: 29))
        #expect(ipv4.evidence == [Evidence(field: "settings.ipConfiguration.ipv4Enabled", observed: "true",
                                           expected: "settings.ipConfiguration.ipv4Enabled = false (omitted = true, a public IP)")])
        #expect(ipv4.address == "google_sql_database_instance.db")
        #expect(ipv4.source == "stack")
        #expect(ipv4.environment == "prod")
        // Default: an omitted ssl_mode points at the resource block.
        let tls = try #require(byPolicy["TG-SQL-005"]?.first)
        #expect(tls.location?.startLine == 1)
        #expect(tls.evidence.map(\.field) == ["settings.ipConfiguration.requireSsl", "settings.ipConfiguration.sslMode"])
        #expect(tls.evidence.allSatisfy { $0.observed.hasPrefix("(not set") })
        // IAM member: the google_project_iam_member resource that granted the role.
        let owner = try #require(byPolicy["TG-IAM-001"]?.first)
        #expect(owner.address == "google_project_iam_member.owner")
        #expect(owner.location?.path == "stack/main.tf")
        #expect((19...23).contains(owner.location?.startLine ?? 0))
        #expect(owner.evidence.map(\.observed) == ["user:alice@example.com"])
        #expect(owner.message == "No basic roles (owner, editor, viewer) are granted on projects, folders or organizations: user:alice@example.com holds roles/owner on projects/p")
        // Undetermined: private_network comes from a variable with no value.
        let u = try #require(out.undetermined.first { $0.policyID == "TG-SQL-002" })
        #expect(u.unknowns == ["resource.settings.ipConfiguration.privateNetwork"])
        #expect(u.reason == "settings.0.ip_configuration.0.private_network known only after apply")
        #expect(u.location?.startLine == 10)
        let tallies = Dictionary(uniqueKeysWithValues: out.tallies.map { ($0.policyID, $0) })
        #expect(tallies["TG-SQL-001"] == PolicyTally(policyID: "TG-SQL-001", failed: 1))
        #expect(tallies["TG-SQL-002"] == PolicyTally(policyID: "TG-SQL-002", undetermined: 1))
        #expect(tallies["TG-SQL-012"] == PolicyTally(policyID: "TG-SQL-012", failed: 1))
        #expect(out.coverage == [])
    }

    @Test func environmentsAndProfileParameters() throws {
        let s = try Scratch()
        defer { s.remove() }
        let db = """
        resource "google_sql_database_instance" "db" {
          project          = "p"
          name             = "db"
          region           = "us-central1"
          database_version = "POSTGRES_16"
          settings {
            tier = "db-f1-micro"
            backup_configuration {
              enabled = true
              backup_retention_settings {
                retained_backups = 7
              }
            }
          }
        }
        """
        for env in ["dev", "staging", "prod"] { try s.write("environments/\(env)/main.tf", db) }
        try s.write("infra/main.tf", db)
        try s.write("labelled/main.tf", db.replacingOccurrences(of: "  settings {", with: "  settings {\n    user_labels = { environment = \"staging\" }"))
        func retainedFails(_ dir: String, env: String? = nil) -> Bool {
            !s.scan(dir, profile: "interviewlm", only: ["TG-SQL-011"], env: env).0.findings.isEmpty
        }
        // 3/7/30 retained backups by environment; 7 fails only in prod.
        #expect(retainedFails("environments/dev") == false)
        #expect(retainedFails("environments/staging") == false)
        #expect(retainedFails("environments/prod") == true)
        // No label, no tfvars, folder name is no environment: the strictest (prod).
        #expect(retainedFails("infra") == true)
        #expect(s.scan("infra", profile: "interviewlm", only: ["TG-SQL-011"]).0.findings.first?.environment == "prod")
        // --env wins over the folder name.
        #expect(retainedFails("environments/prod", env: "staging") == false)
        // The environment label wins over the default.
        let labelled = s.scan("labelled", profile: "interviewlm", only: ["TG-SQL-011"])
        #expect(labelled.0.findings == [])
        #expect(labelled.0.tallies.first { $0.policyID == "TG-SQL-011" }?.passed == 1)
    }

    @Test func graphVariables() throws {
        let s = try Scratch()
        defer { s.remove() }
        let run = """
        resource "google_cloud_run_v2_service" "app" {
          project  = "p"
          name     = "app"
          location = "us-central1"
          template {
            service_account = "app@p.iam.gserviceaccount.com"
            containers { image = "gcr.io/p/app" }
          }
        }
        """
        try s.write("alone/main.tf", run)
        try s.write("withdb/main.tf", run + "\n" + """
        resource "google_redis_instance" "cache" {
          project        = "p"
          name           = "cache"
          region         = "us-central1"
          memory_size_gb = 1
        }
        """)
        // assetsOfType: VPC egress is only required when the project has a data service.
        let alone = s.scan("alone", only: ["TG-RUN-004"]).0
        #expect(alone.tallies.first?.notApplicable == true)
        let withDB = s.scan("withdb", only: ["TG-RUN-004"]).0
        #expect(withDB.findings.map(\.address) == ["google_cloud_run_v2_service.app"])
        // Implied project: audit config "must exist" runs although no project resource exists.
        let audit = s.scan("alone", only: ["TG-LOG-001"]).0
        #expect(audit.findings.map(\.assetName) == ["//cloudresourcemanager.googleapis.com/projects/p"])
    }

    @Test func customConstraintsAllowAndDeny() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.write("stack/main.tf", Self.sql)
        try s.write("constraints/allow.yaml", """
        name: organizations/1/customConstraints/custom.sqlPrivateOnly
        resourceTypes: [sqladmin.googleapis.com/Instance]
        condition: resource.settings.ipConfiguration.ipv4Enabled == false
        actionType: ALLOW
        displayName: Cloud SQL private only
        """)
        try s.write("constraints/deny.yaml", """
        name: organizations/1/customConstraints/custom.denyPostgres
        resourceTypes: [sqladmin.googleapis.com/Instance]
        condition: resource.databaseVersion.startsWith('POSTGRES')
        actionType: DENY
        displayName: No PostgreSQL
        """)
        try s.write("constraints/deny-mysql.yaml", """
        name: organizations/1/customConstraints/custom.denyMySQL
        resourceTypes: [sqladmin.googleapis.com/Instance]
        condition: resource.databaseVersion.startsWith('MYSQL')
        actionType: DENY
        displayName: No MySQL
        """)
        let pack = PolicyPack.load(constraintDirectories: [s.root.appendingPathComponent("constraints")])
        #expect(pack.diagnostics.isEmpty)
        let out = s.scan("stack", only: ["custom.sqlPrivateOnly", "custom.denyPostgres", "custom.denyMySQL"], pack: pack).0
        #expect(out.findings.map(\.policyID).sorted() == ["custom.denyPostgres", "custom.sqlPrivateOnly"])
        #expect(out.tallies.first { $0.policyID == "custom.denyMySQL" }?.passed == 1)
        #expect(out.policies.first { $0.id == "custom.denyPostgres" }?.origin == "constraint")
    }

    @Test func celSyntaxErrorIsAPolicyErrorAndTheRestRuns() throws {
        var pack = PackTests.pack
        let bad = """
        id: ACME-BAD
        title: broken
        family: logging
        severity: low
        resourceTypes: [sqladmin.googleapis.com/Instance]
        condition: >
          resource.?settings.?tier.orValue('') ==
          && true
        rationale: r
        remediation: r
        examples:
          - {compliant: true, asset: {name: n, assetType: sqladmin.googleapis.com/Instance}}
          - {compliant: false, asset: {name: n, assetType: sqladmin.googleapis.com/Instance}}
        """
        let (p, d) = PolicyLoader.parse(bad, path: "custom/bad.yaml", origin: .custom)
        #expect(d.isEmpty)
        pack.add(p!)
        let engine = PolicyEngine(pack: pack, profile: pack.profiles["gcp-baseline"]!)
        #expect(engine.problems.map(\.description) == [
            "custom/bad.yaml:8:3: error: policy ACME-BAD: CEL syntax error in condition at 1:41: unexpected '&&'",
        ])
        #expect(engine.policyIDs.count == PackTests.pack.policies.count)
        let s = try Scratch()
        defer { s.remove() }
        try s.write("stack/main.tf", Self.sql)
        let out = PolicyScan.run(engine: engine, input: PolicyScan.Input(
            graph: AssetGraph(assets: TerraformConverter.convert(ConfigurationEvaluator.evaluateRoot(directory: s.root.appendingPathComponent("stack").path).0.instances).assets),
            today: "2026-11-26"))
        #expect(out.findings.contains { $0.policyID == "TG-SQL-001" })
        #expect(out.coverage.map(\.kind) == [.policyError])
    }
}
