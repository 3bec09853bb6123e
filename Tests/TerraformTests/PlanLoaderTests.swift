import Foundation
import HCL
import Testing
@testable import Terraform

/// Paths of the repository and of the shared corpus, located from this file.
enum Paths {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let fixtures = repoRoot + "/Tests/TerraformTests/Fixtures"
    /// `../shared/corpus` beside the repository (for a git worktree nested one level deeper,
    /// the nearest ancestor that has `shared/corpus`).
    static let corpus: String = {
        var dir = URL(fileURLWithPath: repoRoot).deletingLastPathComponent()
        for _ in 0..<3 {
            let c = dir.appendingPathComponent("shared/corpus").path
            if FileManager.default.fileExists(atPath: c) { return c }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: repoRoot).deletingLastPathComponent().appendingPathComponent("shared/corpus").path
    }()

    static var corpusAvailable: Bool { FileManager.default.fileExists(atPath: corpus) }
}

@Suite struct PlanLoaderTests {
    @Test func smallPlanExactInstances() throws {
        let (instances, diags) = try PlanLoader.load(path: Paths.fixtures + "/plans/small.plan.json", rootModule: "small.plan.json")
        #expect(diags.isEmpty)
        #expect(instances.map(\.address) == [
            "google_storage_bucket.logs[0]",
            "data.google_project.current",
            "module.db[\"prod\"].google_sql_database_instance.main",
            "module.db[\"prod\"].google_sql_user.users[\"app\"]",
        ])
        let bucket = instances[0]
        #expect(bucket.key == .int(0))
        #expect(bucket.moduleAddress == "")
        #expect(bucket.mode == .managed)
        #expect(bucket.providerDefaults == ["project": "acme-prod", "region": "europe-west1"])
        #expect(bucket.values == .object([
            "name": "acme-logs-0", "location": "EU", "uniform_bucket_level_access": true,
            "versioning": .tuple([.object(["enabled": true])]),
            "id": .unknown("google_storage_bucket.logs[0].id (known after apply)"),
            "self_link": .unknown("google_storage_bucket.logs[0].self_link (known after apply)"),
        ]))
        #expect(instances[1].mode == .data)
        #expect(instances[1].values["number"] == .unknown("data.google_project.current.number (known after apply)"))

        let db = instances[2]
        #expect(db.moduleAddress == "module.db[\"prod\"]")
        #expect(db.key == nil)
        #expect(db.values["root_password"] == .sensitive("hunter2"))
        #expect(db.values[path: ["database_version"]] == "POSTGRES_16")
        let ipConfig = db.values["settings"]?.elements?[0]["ip_configuration"]?.elements?[0]
        #expect(ipConfig == .object([
            "ipv4_enabled": false,
            "private_network": .unknown("module.db[\"prod\"].google_sql_database_instance.main.settings.0.ip_configuration.0.private_network (known after apply)"),
        ]))
        #expect(instances[3].key == .string("app"))
        #expect(instances[3].name == "users")
    }

    /// A plan beside its configuration: each instance points at its block and attributes,
    /// through module calls.
    @Test func planMappedToSource() throws {
        let (instances, diags) = try PlanLoader.load(path: Paths.fixtures + "/plans/mapped/plan.json")
        #expect(diags.isEmpty, "\(diags)")
        #expect(instances.map { $0.blockRange?.description ?? "-" } == [
            "main.tf:6:1", "main.tf:16:1", "modules/db/main.tf:1:1", "modules/db/main.tf:15:1",
        ])
        #expect(instances[0].attributeRanges["uniform_bucket_level_access"]?.description == "main.tf:10:3")
        #expect(instances[0].attributeRanges["versioning.0.enabled"]?.description == "main.tf:12:5")
        #expect(instances[0].attributeRanges["count"] == nil)
        #expect(instances[0].inlineComments.map(\.text) == ["tollgate:ignore TG-GCS-002 reason=\"fixture\""])
        #expect(instances[2].attributeRanges["settings.0.ip_configuration.0.ipv4_enabled"]?.description == "modules/db/main.tf:7:7")
        #expect(instances[2].preventDestroy)
        #expect(PlanSourceMapping.parse("module.a[\"x.y\"].module.b.data.google_x.y[0]")! == (["a", "b"], .data, "google_x", "y"))
    }

    @Test func invalidJSONIsADiagnosticWithLocation() {
        let (instances, diags) = PlanLoader.load(bytes: Array("{\n  \"format_version\": \"1.2\",\n  oops }".utf8), filename: "bad.json", rootModule: "bad.json")
        #expect(instances.isEmpty)
        #expect(diags.count == 1)
        #expect(diags.first?.range?.start.line == 3)
        #expect(diags.first?.summary == "Invalid plan JSON")
    }

    @Test func notAPlan() {
        let (_, diags) = PlanLoader.load(bytes: Array("{\"a\": 1}".utf8), filename: "x.json", rootModule: "x.json")
        #expect(diags.map(\.summary) == ["Not a Terraform plan"])
    }

    @Test func moduleAddressFromResourceAddress() {
        #expect(PlanLoader.moduleAddress(of: "module.a[\"x\"].module.b.google_x.y[0]", mode: .managed, type: "google_x") == "module.a[\"x\"].module.b")
        #expect(PlanLoader.moduleAddress(of: "module.a.data.google_x.y", mode: .data, type: "google_x") == "module.a")
        #expect(PlanLoader.moduleAddress(of: "google_x.y", mode: .managed, type: "google_x") == "")
    }

    static var corpusPlans: [String] {
        let root = Paths.corpus
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let p = e.nextObject() as? String {
            if (p.hasPrefix("plans/") && p.hasSuffix(".json") && (p.hasSuffix("plan.json")))
                || (p.hasPrefix("tfcai/") && p.hasSuffix("/plan.json")) {
                out.append(root + "/" + p)
            }
        }
        return out.sorted()
    }

    /// Every real plan in the corpus loads without diagnostics, and the instances are exactly
    /// the non-deleted, non-deposed `resource_changes` (checked with Foundation's JSON parser
    /// as an independent reading), with unknowns where `after_unknown` has `true`.
    @Test func everyCorpusPlanLoads() throws {
        guard Paths.corpusAvailable else {
            print("skipping: \(Paths.corpus) is absent")
            return
        }
        let plans = Self.corpusPlans
        #expect(plans.count > 100)
        for path in plans {
            let (instances, diags) = try PlanLoader.load(path: path, source: "")
            #expect(diags.isEmpty, "\(path): \(diags)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
            var expected: [String] = []
            for rc in json["resource_changes"] as? [[String: Any]] ?? [] {
                let actions = (rc["change"] as? [String: Any])?["actions"] as? [String] ?? []
                if actions == ["delete"] || rc["deposed"] != nil { continue }
                expected.append(rc["address"] as! String)
            }
            #expect(Set(instances.map(\.address)) == Set(expected), "\(path)")
            #expect(instances.count == expected.count, "\(path)")
            // tfcai plans sit beside the main.tf they were made from (the `template/` ones beside
            // Go templates, not HCL): each root resource whose block is in main.tf is mapped to
            // the line where a plain text search finds `resource "TYPE" "NAME"`.
            let dir = (path as NSString).deletingLastPathComponent
            if path.contains("/tfcai/"), !path.contains("/template/"), let text = try? String(contentsOfFile: dir + "/main.tf", encoding: .utf8) {
                let (mapped, _) = try PlanLoader.load(path: path)
                let lines = text.components(separatedBy: "\n")
                for inst in mapped where inst.moduleAddress.isEmpty && inst.mode == .managed {
                    let header = "resource \"\(inst.type)\" \"\(inst.name)\""
                    guard let line = lines.firstIndex(where: { $0.hasPrefix(header) }) else { continue }
                    #expect(inst.blockRange?.description == "main.tf:\(line + 1):1", "\(path) \(inst.address)")
                }
            }
            // Each top-level `after_unknown: true` attribute is unknown in the instance.
            for rc in json["resource_changes"] as? [[String: Any]] ?? [] {
                guard let inst = instances.first(where: { $0.address == rc["address"] as? String }),
                      let unknown = (rc["change"] as? [String: Any])?["after_unknown"] as? [String: Any] else { continue }
                for (k, v) in unknown where (v as? Bool) == true {
                    #expect(inst.values[k]?.isKnown == false, "\(path) \(inst.address).\(k)")
                }
            }
        }
    }
}
