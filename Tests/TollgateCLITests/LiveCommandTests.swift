import Foundation
import Policy
import Report
import Testing

/// `tollgate live` and `tollgate merge`, run as built binaries against Cloud Asset
/// Inventory faked on loopback.
@Suite struct LiveCommandTests {
    /// A fake API, a token file and a scratch directory the binary runs in (so no
    /// `.tollgate.yaml` of the repository is picked up).
    struct Setup {
        let fake: FakeAssetInventory
        let dir: URL

        static func start(_ fill: (FakeAssetInventory) -> Void) async throws -> Setup {
            let fake = try await FakeAssetInventory.start()
            fill(fake)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-live-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data((fake.token + "\n").utf8).write(to: dir.appendingPathComponent("token"))
            return Setup(fake: fake, dir: dir)
        }

        func stop() async {
            await fake.stop()
            try? FileManager.default.removeItem(at: dir)
        }

        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

        /// Runs `tollgate live` with the token file and the fake's endpoint.
        func live(_ arguments: [String], environment: [String: String] = [:]) async throws -> TollgateProcess.Output {
            try await run(["live", "--access-token-file", path("token"), "--api-endpoint", fake.baseURL] + arguments,
                          environment: environment)
        }

        /// Runs the binary on a thread of its own: waiting for it on the cooperative pool
        /// could starve the fake server, which runs on that pool in this process.
        func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> TollgateProcess.Output {
            let dir = self.dir
            return try await withCheckedThrowingContinuation { c in
                Thread.detachNewThread {
                    c.resume(with: Result { try TollgateProcess.run(arguments, in: dir, environment: environment) })
                }
            }
        }

        func report(_ name: String) throws -> ScanResult {
            try JSONReporter.decode(Array(try Data(contentsOf: dir.appendingPathComponent(name))))
        }
    }

    /// `policy asset [baseline state]` of open findings, sorted.
    static func open(_ r: ScanResult) -> [String] {
        r.findings.filter { $0.status == .open }.map { "\($0.policyID) \($0.assetName)" }.sorted()
    }

    /// `../shared/tools/validate-sarif.py` (OASIS schema plus GitHub's requirements) on a
    /// report; skipped with a message when `../shared` or python3's jsonschema is missing.
    static func validateSARIF(_ path: String) throws {
        // `../shared` beside the repository, or beside the folder of worktrees.
        let candidates = [TollgateProcess.repositoryRoot.deletingLastPathComponent(),
                          TollgateProcess.repositoryRoot.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("shared/tools/validate-sarif.py") }
        let validator = candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
        guard FileManager.default.fileExists(atPath: validator.path) else {
            print("skipped: \(validator.path) is missing (../shared is not beside the repository)")
            return
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import jsonschema"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { print("skipped: no python3"); return }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            print("skipped: python3 with the jsonschema package is not installed")
            return
        }
        let v = Process()
        v.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        v.arguments = ["python3", validator.path, path]
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-sarif-check-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let h = try FileHandle(forWritingTo: out)
        v.standardOutput = h
        v.standardError = h
        try v.run()
        v.waitUntilExit()
        try h.close()
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(v.terminationStatus == 0, "\(text)")
        #expect(text.contains("valid SARIF 2.1.0, GitHub-ready"), "\(text)")
    }

    static func coverage(_ r: ScanResult) -> [String] {
        r.coverage.map { "\($0.kind.rawValue) \($0.subject): \($0.message)" }.sorted()
    }

    /// The open findings of one `CAI.populate`d project (`proj-one`).
    static let proj1Findings = [
        "TG-GCS-001 //storage.googleapis.com/proj-one-public",
        "TG-GCS-007 //storage.googleapis.com/proj-one-private",
        "TG-GCS-007 //storage.googleapis.com/proj-one-public",
        "TG-LOG-001 //cloudresourcemanager.googleapis.com/projects/1001",
        "TG-LOG-003 //cloudresourcemanager.googleapis.com/projects/1001",
        "TG-MON-001 //cloudresourcemanager.googleapis.com/projects/1001",
        "TG-SQL-001 //cloudsql.googleapis.com/projects/proj-one/instances/db",
        "TG-SQL-002 //cloudsql.googleapis.com/projects/proj-one/instances/db",
        "TG-SQL-003 //cloudsql.googleapis.com/projects/proj-one/instances/db",
        "TG-SQL-004 //cloudsql.googleapis.com/projects/proj-one/instances/db",
        "TG-SQL-005 //cloudsql.googleapis.com/projects/proj-one/instances/db",
        "TG-SQL-006 //cloudsql.googleapis.com/projects/proj-one/instances/db",
        "TG-SQL-008 //cloudsql.googleapis.com/projects/proj-one/instances/db",
        "TG-SQL-009 //cloudsql.googleapis.com/projects/proj-one/instances/db",
        "TG-SQL-010 //cloudsql.googleapis.com/projects/proj-one/instances/db",
        "TG-SQL-012 //cloudsql.googleapis.com/projects/proj-one/instances/db",
        "TG-SQL-013 //cloudsql.googleapis.com/projects/proj-one/instances/db",
        "TG-SQL-014 //cloudsql.googleapis.com/projects/proj-one/instances/db",
    ]

    @Test func findingsOfAFakeProject() async throws {
        let s = try await Setup.start { CAI.populate($0, project: "proj-one", number: 1001) }
        defer { Task { await s.stop() } }
        let r = try await s.live(["--project", "proj-one", "--format", "json", "--quiet"])
        #expect(r.stderr == "")
        let result = try JSONReporter.decode(Array(r.stdout.utf8))
        #expect(Self.open(result) == Self.proj1Findings, "\(Self.open(result))")
        #expect(r.status == 1)
        #expect(result.coverage.isEmpty)
        #expect(result.scope.inputs.map { "\($0.kind) \($0.path)" } == ["live \(s.fake.baseURL)/v1/projects/proj-one/assets"])
        #expect(result.scope.automationID == "tollgate-live/prod/")
        #expect(result.graph.nodes.map(\.name) == [
            "//cloudsql.googleapis.com/projects/proj-one/instances/db",
            "//storage.googleapis.com/proj-one-private",
            "//storage.googleapis.com/proj-one-public",
        ])
        // Live provenance: no file location, the API as the source.
        #expect(result.findings.allSatisfy { $0.location == nil && $0.source == "127.0.0.1/v1/assets.list" })
        // Both content types, one page each.
        #expect(s.fake.requests.sorted() == ["projects/proj-one IAM_POLICY 0", "projects/proj-one RESOURCE 0"])
    }

    /// A project that lists no assets is an empty inventory, not a coverage gap: a notice,
    /// exit 0.
    @Test func aProjectWithNoAssetsPassesWithANotice() async throws {
        let s = try await Setup.start { $0.addEmpty("projects/proj-empty") }
        defer { Task { await s.stop() } }
        let r = try await s.live(["--project", "proj-empty", "--format", "json", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let result = try JSONReporter.decode(Array(r.stdout.utf8))
        #expect(result.coverage.isEmpty)
        #expect(result.findings.isEmpty)
        #expect(result.inventory.isEmpty)
        #expect(result.notices.map(\.summary) == ["Cloud Asset Inventory returned no assets for the scanned scope"])
        #expect(s.fake.requests.sorted() == ["projects/proj-empty IAM_POLICY 0", "projects/proj-empty RESOURCE 0"])
    }

    @Test func aForbiddenProjectIsACoverageGapInEveryReportAndExitsTwo() async throws {
        let s = try await Setup.start {
            CAI.populate($0, project: "proj-one", number: 1001)
            CAI.populate($0, project: "proj-two", number: 1002)
            $0.forbid("projects/proj-two")
        }
        defer { Task { await s.stop() } }
        let out = s.path("out")
        let r = try await s.live(["--project", "proj-one", "proj-two", "--format", "console,json,sarif,markdown,junit",
                                  "--output", out])
        #expect(r.status == 2, "\(r.stderr)")
        let result = try s.report("out/tollgate.json")
        let gap = "project-not-reached projects/proj-two: permission-denied: HTTP 403 from GET "
            + "\(s.fake.baseURL)/v1/projects/proj-two/assets?contentType=RESOURCE&pageSize=1000: "
            + "PERMISSION_DENIED: The caller does not have permission"
        #expect(Self.coverage(result) == [gap])
        // The project that was read is still scanned and reported.
        #expect(Self.open(result) == Self.proj1Findings)
        #expect(result.scope.inputs.map(\.path) == ["\(s.fake.baseURL)/v1/projects/proj-one/assets"])
        // SARIF: a tool execution notification, and the run did not succeed.
        let sarif = try String(contentsOfFile: s.path("out/tollgate.sarif"), encoding: .utf8)
        #expect(sarif.contains("\"coverage/project-not-reached\""))
        let log = try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any]
        let run = (log?["runs"] as? [[String: Any]])?.first
        let invocation = (run?["invocations"] as? [[String: Any]])?.first
        #expect(invocation?["executionSuccessful"] as? Bool == false)
        try Self.validateSARIF(s.path("out/tollgate.sarif"))
        let markdown = try String(contentsOfFile: s.path("out/tollgate.md"), encoding: .utf8)
        #expect(markdown.contains("Project not reached"))
        #expect(markdown.contains("projects/proj-two"))
        let junit = try String(contentsOfFile: s.path("out/tollgate.junit.xml"), encoding: .utf8)
        #expect(junit.contains("projects/proj-two"))
        #expect(r.stdout.contains("projects/proj-two"))
        #expect(r.stdout.contains("FAIL (exit 2)"))
        // Progress went to stderr, a line per project.
        #expect(r.stderr.contains("tollgate live: scanning 2 projects"))
        #expect(r.stderr.contains("FAILED [permission-denied]"))
    }

    @Test(arguments: [(["--fail-on", "high"], Int32(1)), (["--fail-on", "none"], Int32(0))])
    func allowPartialLetsTheFindingsDecide(gate: [String], status: Int32) async throws {
        let s = try await Setup.start {
            CAI.populate($0, project: "proj-one", number: 1001)
            $0.forbid("projects/proj-two")
        }
        defer { Task { await s.stop() } }
        let r = try await s.live(["--project", "proj-one,proj-two", "--allow-partial", "--format", "json", "--quiet"] + gate)
        #expect(r.status == status, "\(r.stderr)")
        let result = try JSONReporter.decode(Array(r.stdout.utf8))
        #expect(result.coverage.map(\.subject) == ["projects/proj-two"])
        #expect(r.stderr.contains("--allow-partial: 1 project(s) not reached; exit code \(status) by the findings"))
    }

    @Test func theSavedExportScansToTheSameAssetsAndFindings() async throws {
        let s = try await Setup.start {
            CAI.populate($0, project: "proj-one", number: 1001)
            CAI.populate($0, project: "proj-two", number: 1002)
        }
        defer { Task { await s.stop() } }
        let live = try await s.live(["--project", "proj-one", "--project", "proj-two", "--save-export", s.path("evidence.ndjson"),
                                     "--format", "json", "--output", s.path("live"), "--quiet"])
        #expect(live.status == 1, "\(live.stderr)")
        let scan = try await s.run(["scan", s.path("evidence.ndjson"), "--format", "json", "--output", s.path("scan"), "--quiet"])
        #expect(scan.status == 1, "\(scan.stderr)")
        let a = try s.report("live/tollgate.json"), b = try s.report("scan/tollgate.json")
        // Asset for asset: the graph (names, types, labels, edges) and the inventory.
        #expect(a.graph == b.graph)
        #expect(a.graph.nodes.count == 6)
        #expect(a.inventory == b.inventory)
        // The same findings: policy, asset, message, evidence and fingerprint; only where
        // they point differs (the API vs. a line of the file).
        func strip(_ r: ScanResult) -> [Finding] {
            r.findings.map { var f = $0; f.location = nil; f.source = nil; return f }.sorted { $0.fingerprint < $1.fingerprint }
        }
        #expect(strip(a) == strip(b))
        #expect(a.findings.count == 2 * Self.proj1Findings.count)
        #expect(a.tallies == b.tallies)
        #expect(b.findings.allSatisfy { $0.location?.path.hasSuffix("evidence.ndjson") == true })
        // The report names the evidence file with its hash.
        let digest = try #require(a.scope.inputs.first { $0.kind == "cai-export" })
        #expect(digest.path == "evidence.ndjson")
        #expect(digest.sha256 == b.scope.inputs.first?.sha256)
    }

    @Test func shardsMergeToTheUnshardedScan() async throws {
        let projects = ["proj-a", "proj-b", "proj-c", "proj-d", "proj-e"]
        let s = try await Setup.start { fake in
            for (i, p) in projects.enumerated() { CAI.populate(fake, project: p, number: 2000 + i) }
        }
        defer { Task { await s.stop() } }
        let all = try await s.live(["--project"] + projects + ["--format", "json", "--output", s.path("all"), "--quiet"])
        #expect(all.status == 1, "\(all.stderr)")
        for i in 0..<2 {
            let r = try await s.live(["--project"] + projects + ["--shard", "\(i)/2", "--format", "json",
                                                                  "--output", s.path("shard\(i)"), "--quiet"])
            #expect(r.status == 1, "\(r.stderr)")
        }
        let shard0 = try s.report("shard0/tollgate.json"), shard1 = try s.report("shard1/tollgate.json")
        // Round robin over the sorted list: a, c, e and b, d.
        #expect(shard0.scope.inputs.map(\.path) == ["a", "c", "e"].map { "\(s.fake.baseURL)/v1/projects/proj-\($0)/assets" })
        #expect(shard1.scope.inputs.map(\.path) == ["b", "d"].map { "\(s.fake.baseURL)/v1/projects/proj-\($0)/assets" })

        let merge = try await s.run(["merge", s.path("shard0/tollgate.json"), s.path("shard1/tollgate.json"),
                                     "--format", "json,sarif", "--output", s.path("merged"), "--quiet"])
        #expect(merge.status == 1, "\(merge.stderr)")
        let merged = try s.report("merged/tollgate.json"), whole = try s.report("all/tollgate.json")
        #expect(merged.findings == whole.findings)
        #expect(merged.findings.count == 5 * Self.proj1Findings.count)
        #expect(merged.tallies == whole.tallies)
        #expect(merged.inventory == whole.inventory)
        #expect(merged.graph == whole.graph)
        #expect(merged.scope.inputs == whole.scope.inputs)
        #expect(merged.policies == whole.policies)
        #expect(merged.coverage.isEmpty)
        #expect(FileManager.default.fileExists(atPath: s.path("merged/tollgate.sarif")))
    }

    @Test func compareMarksFindingsNewUnchangedAndResolved() async throws {
        // Last night: two public buckets. Tonight: one of them fixed, another made public.
        let before = try await Setup.start { fake in
            for (name, isPublic) in [("b-kept", true), ("b-fixed", true), ("b-new", false)] {
                let b = CAI.bucket(name, projectNumber: 1001, publicReader: isPublic)
                fake.add("projects/proj-one", "RESOURCE", b.resource)
                fake.add("projects/proj-one", "IAM_POLICY", b.policy)
            }
        }
        defer { Task { await before.stop() } }
        let first = try await before.live(["--project", "proj-one", "--format", "json", "--output", before.path("night1"), "--quiet"])
        #expect(first.status == 1, "\(first.stderr)")

        let after = try await Setup.start { fake in
            for (name, isPublic) in [("b-kept", true), ("b-fixed", false), ("b-new", true)] {
                let b = CAI.bucket(name, projectNumber: 1001, publicReader: isPublic)
                fake.add("projects/proj-one", "RESOURCE", b.resource)
                fake.add("projects/proj-one", "IAM_POLICY", b.policy)
            }
        }
        defer { Task { await after.stop() } }
        let second = try await after.live(["--project", "proj-one", "--compare", before.path("night1/tollgate.json"),
                                           "--format", "json,markdown,sarif", "--output", after.path("night2"), "--quiet"])
        #expect(second.status == 1, "\(second.stderr)")
        let result = try after.report("night2/tollgate.json")
        let states = result.findings.map { "\($0.baselineState?.rawValue ?? "-") \($0.policyID) \($0.assetName)" }.sorted()
        #expect(states == [
            "new TG-GCS-001 //storage.googleapis.com/b-new",
            "unchanged TG-GCS-001 //storage.googleapis.com/b-kept",
            "unchanged TG-GCS-007 //storage.googleapis.com/b-fixed",
            "unchanged TG-GCS-007 //storage.googleapis.com/b-kept",
            "unchanged TG-GCS-007 //storage.googleapis.com/b-new",
            "unchanged TG-LOG-001 //cloudresourcemanager.googleapis.com/projects/1001",
            "unchanged TG-LOG-003 //cloudresourcemanager.googleapis.com/projects/1001",
            "unchanged TG-MON-001 //cloudresourcemanager.googleapis.com/projects/1001",
        ], "\(states)")
        // The bucket made private: its public-access finding is resolved.
        #expect(result.resolved.map { "\($0.policyID) \($0.assetName)" } == ["TG-GCS-001 //storage.googleapis.com/b-fixed"])
        let markdown = try String(contentsOfFile: after.path("night2/tollgate.md"), encoding: .utf8)
        #expect(markdown.contains("## Resolved since the baseline"))
        #expect(markdown.contains("b-fixed"))
        let sarif = try String(contentsOfFile: after.path("night2/tollgate.sarif"), encoding: .utf8)
        #expect(sarif.contains("\"baselineState\""))
        #expect(sarif.contains("baseline/resolved"))
        try Self.validateSARIF(after.path("night2/tollgate.sarif"))
    }

    @Test func quietSilencesProgress() async throws {
        let s = try await Setup.start { CAI.populate($0, project: "proj-one", number: 1001) }
        defer { Task { await s.stop() } }
        let loud = try await s.live(["--project", "proj-one", "--format", "json"])
        #expect(loud.stderr.contains("tollgate live: scanning 1 project\n"))
        #expect(loud.stderr.contains("tollgate live: [1/1] projects/proj-one: 3 assets, 2 pages, 2 requests, 0 retries"))
        let quiet = try await s.live(["--project", "proj-one", "--format", "json", "--quiet"])
        #expect(quiet.stderr == "")
        #expect(try JSONReporter.decode(Array(quiet.stdout.utf8)).findings == JSONReporter.decode(Array(loud.stdout.utf8)).findings)
    }

    @Test(arguments: [
        ([String](), "give exactly one of --project, --folder or --organization"),
        (["--project", "p-one", "--folder", "12"], "give exactly one of --project, --folder or --organization"),
        (["--project", "p-one", "--shard", "2/2"], "shard index must be in 0...1 (got 2)"),
        (["--project", "p-one", "--read-time", "yesterday"], "--read-time yesterday: not an RFC 3339 timestamp"),
        (["--project", "p-one", "--profile", "nope"], "unknown profile 'nope'"),
        (["--project", "p-one", "--format", "sarif,json"], "Several file formats need --output DIR"),
    ])
    func usageErrorsExitTwoBeforeAnyRequest(arguments: [String], message: String) async throws {
        let s = try await Setup.start { CAI.populate($0, project: "p-one", number: 1001) }
        defer { Task { await s.stop() } }
        let r = try await s.live(arguments)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(s.fake.requests.isEmpty)
    }

    @Test func aMissingTokenFileIsAnError() async throws {
        let s = try await Setup.start { CAI.populate($0, project: "p-one", number: 1001) }
        defer { Task { await s.stop() } }
        let r = try await s.run(["live", "--project", "p-one", "--access-token-file", s.path("nope"), "--api-endpoint", s.fake.baseURL])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: "), "\(r.stderr)")
        #expect(s.fake.requests.isEmpty)
    }

    @Test func anOrganizationIsScannedProjectByProjectAndSkippedProjectsAreNoticed() async throws {
        let s = try await Setup.start { fake in
            fake.add("organizations/42", "RESOURCE", CAI.project("proj-a", number: 3001))
            fake.add("organizations/42", "RESOURCE", CAI.project("proj-old", number: 3002, state: "DELETE_REQUESTED"))
            fake.add("organizations/42", "IAM_POLICY", CAI.organizationPolicy(42))
            CAI.populate(fake, project: "proj-a", number: 3001)
        }
        defer { Task { await s.stop() } }
        let r = try await s.live(["--organization", "42", "--format", "json", "--quiet"])
        #expect(r.status == 1, "\(r.stderr)")
        let result = try JSONReporter.decode(Array(r.stdout.utf8))
        #expect(result.scope.inputs.map(\.path) == ["organizations/42", "projects/proj-a"].map { "\(s.fake.baseURL)/v1/\($0)/assets" })
        #expect(result.notices.map { "\($0.summary): \($0.detail)" } == ["projects/proj-old skipped: lifecycleState DELETE_REQUESTED"])
        #expect(result.coverage.isEmpty)
        #expect(s.fake.requests.filter { $0.hasPrefix("projects/proj-old") }.isEmpty)
        #expect(result.findings.contains { $0.assetName == "//storage.googleapis.com/proj-a-public" && $0.policyID == "TG-GCS-001" })
    }

    @Test func cloudRunTaskVariablesSelectTheShard() async throws {
        let projects = ["proj-a", "proj-b", "proj-c"]
        let s = try await Setup.start { fake in
            for (i, p) in projects.enumerated() { CAI.populate(fake, project: p, number: 2000 + i) }
        }
        defer { Task { await s.stop() } }
        let r = try await s.live(["--project"] + projects + ["--format", "json", "--quiet"],
                                 environment: ["CLOUD_RUN_TASK_INDEX": "1", "CLOUD_RUN_TASK_COUNT": "2"])
        #expect(r.status == 1, "\(r.stderr)")
        let result = try JSONReporter.decode(Array(r.stdout.utf8))
        #expect(result.scope.inputs.map(\.path) == ["\(s.fake.baseURL)/v1/projects/proj-b/assets"])
    }

    @Test func mergingAShardThatMissedAProjectExitsTwo() async throws {
        let s = try await Setup.start { fake in
            CAI.populate(fake, project: "proj-a", number: 2000)
            CAI.populate(fake, project: "proj-b", number: 2001)
            fake.forbid("projects/proj-b")
        }
        defer { Task { await s.stop() } }
        for i in 0..<2 {
            _ = try await s.live(["--project", "proj-a", "proj-b", "--shard", "\(i)/2", "--allow-partial", "--format", "json",
                                  "--output", s.path("s\(i)"), "--quiet"])
        }
        let merge = try await s.run(["merge", s.path("s0/tollgate.json"), s.path("s1/tollgate.json"), "--format", "markdown"])
        #expect(merge.status == 2)
        #expect(merge.stdout.contains("projects/proj-b"))
        #expect(merge.stdout.contains("Project not reached"))
    }

    @Test func assetTypesReadTimeAndConcurrencyReachTheAPI() async throws {
        let s = try await Setup.start { CAI.populate($0, project: "proj-one", number: 1001) }
        defer { Task { await s.stop() } }
        let r = try await s.live(["--project", "proj-one", "--asset-types", "storage.googleapis.com/Bucket,sqladmin.googleapis.com/Instance",
                                  "--read-time", "2026-11-19T12:00:00Z", "--concurrency", "1", "--format", "json", "--quiet"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(s.fake.queries.count == 2)
        for q in s.fake.queries {
            #expect(q["assetTypes"] == ["storage.googleapis.com/Bucket", "sqladmin.googleapis.com/Instance"])
            #expect(q["readTime"] == ["2026-11-19T12:00:00Z"])
            #expect(q["pageSize"] == ["1000"])
        }
        #expect(s.fake.queries.map { $0["contentType"]?.first ?? "" } == ["RESOURCE", "IAM_POLICY"])
    }

    @Test func mergeCompareGivesTheNightlyDiffOfTheUnshardedScan() async throws {
        let projects = ["proj-a", "proj-b", "proj-c"]
        func fill(_ fake: FakeAssetInventory, publicBuckets: Set<String>) {
            for (n, p) in projects.enumerated() {
                for name in ["\(p)-x", "\(p)-y"] {
                    let b = CAI.bucket(name, projectNumber: 4000 + n, publicReader: publicBuckets.contains(name))
                    fake.add("projects/\(p)", "RESOURCE", b.resource)
                    fake.add("projects/\(p)", "IAM_POLICY", b.policy)
                }
            }
        }
        let before = try await Setup.start { fill($0, publicBuckets: ["proj-a-x", "proj-b-x", "proj-c-y"]) }
        defer { Task { await before.stop() } }
        _ = try await before.live(["--project"] + projects + ["--format", "json", "--output", before.path("night1"), "--quiet"])
        let previous = before.path("night1/tollgate.json")

        let after = try await Setup.start { fill($0, publicBuckets: ["proj-a-x", "proj-b-y", "proj-c-y"]) }
        defer { Task { await after.stop() } }
        let whole = try await after.live(["--project"] + projects + ["--compare", previous, "--format", "json",
                                                                     "--output", after.path("whole"), "--quiet"])
        #expect(whole.status == 1, "\(whole.stderr)")
        for i in 0..<2 {
            _ = try await after.live(["--project"] + projects + ["--shard", "\(i)/2", "--format", "json",
                                                                 "--output", after.path("s\(i)"), "--quiet"])
        }
        let merge = try await after.run(["merge", after.path("s0/tollgate.json"), after.path("s1/tollgate.json"),
                                         "--compare", previous, "--format", "json", "--output", after.path("merged"), "--quiet"])
        #expect(merge.status == 1, "\(merge.stderr)")
        let merged = try after.report("merged/tollgate.json"), expected = try after.report("whole/tollgate.json")
        #expect(merged.findings == expected.findings)
        #expect(merged.resolved == expected.resolved)
        #expect(merged.tallies == expected.tallies)
        #expect(merged.resolved.map { "\($0.policyID) \($0.assetName)" } == ["TG-GCS-001 //storage.googleapis.com/proj-b-x"])
        #expect(merged.findings.filter { $0.baselineState == .new }.map { "\($0.policyID) \($0.assetName)" }
                == ["TG-GCS-001 //storage.googleapis.com/proj-b-y"])
    }
}
