import Foundation
import HCL
import Testing
@testable import Live

/// The live-fetch benchmark (run by hand: `Benchmarks/live/run.sh`, which sets
/// `TOLLGATE_LIVE_BENCH=1` and builds in release mode). Not a timed test: it asserts only
/// that every asset arrived, and prints the measured figures.
///
/// Workload: 20 projects × 5,000 assets = 100,000 assets in 100 RESOURCE pages of 1,000,
/// plus 1,000 IAM policies per project (20 IAM_POLICY pages), on the fake CAI server on
/// loopback; the scanner at its defaults (concurrency 4, page size 1,000).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_LIVE_BENCH"] == "1"))
struct LiveBenchmark {
    static let projects = 20
    static let perProject = 5_000
    static let withPolicy = 1_000

    static func resource(_ p: Int, _ i: Int) -> (type: String, json: String) {
        let project = "bench-\(p)"
        switch i % 4 {
        case 0:
            let b = CAI.bucket(project: project, "\(project)-bucket-\(i)", number: 5000 + p)
            return (b.type, b.resource)
        case 1:
            return ("sqladmin.googleapis.com/Instance", CAI.sqlInstance(project: project, "db-\(i)", number: 5000 + p))
        case 2:
            return ("compute.googleapis.com/Instance", """
                {"name":"//compute.googleapis.com/projects/\(project)/zones/europe-west1-b/instances/vm-\(i)",\
                "assetType":"compute.googleapis.com/Instance","ancestors":["projects/\(5000 + p)","organizations/42"],\
                "resource":{"version":"v1","discoveryDocumentUri":"https://compute.googleapis.com/discovery/v1/apis/compute/v1/rest",\
                "discoveryName":"Instance","parent":"//cloudresourcemanager.googleapis.com/projects/\(5000 + p)",\
                "data":{"name":"vm-\(i)","machineType":"e2-medium","status":"RUNNING","canIpForward":false,\
                "networkInterfaces":[{"network":"projects/\(project)/global/networks/vpc","networkIP":"10.0.\(i % 250).\(i % 200)",\
                "accessConfigs":[]}],"shieldedInstanceConfig":{"enableSecureBoot":true,"enableVtpm":true},\
                "serviceAccounts":[{"email":"vm@\(project).iam.gserviceaccount.com","scopes":["https://www.googleapis.com/auth/cloud-platform"]}],\
                "labels":{"env":"prod","team":"platform"}},"location":"europe-west1-b"},"updateTime":"2026-11-19T08:00:00Z"}
                """)
        default:
            return ("run.googleapis.com/Service", """
                {"name":"//run.googleapis.com/projects/\(project)/locations/europe-west1/services/svc-\(i)",\
                "assetType":"run.googleapis.com/Service","ancestors":["projects/\(5000 + p)","organizations/42"],\
                "resource":{"version":"v2","discoveryName":"Service","parent":"//cloudresourcemanager.googleapis.com/projects/\(5000 + p)",\
                "data":{"name":"projects/\(project)/locations/europe-west1/services/svc-\(i)","ingress":"INGRESS_TRAFFIC_INTERNAL_ONLY",\
                "template":{"serviceAccount":"run@\(project).iam.gserviceaccount.com","containers":[{"image":"europe-docker.pkg.dev/\(project)/app/app:1.2.\(i)",\
                "resources":{"limits":{"cpu":"1","memory":"512Mi"}},"env":[{"name":"NODE_ENV","value":"production"}]}],\
                "vpcAccess":{"connector":"projects/\(project)/locations/europe-west1/connectors/c","egress":"PRIVATE_RANGES_ONLY"}}},\
                "location":"europe-west1"},"updateTime":"2026-11-19T07:00:00Z"}
                """)
        }
    }

    @Test func fetch100kAssetsOverLoopback() async throws {
        let fake = try await FakeGoogle.start()
        fake.recordBodies = false
        var bytes = 0
        // The same pages as the fake serves, for timing the client's parsing and merging alone.
        var pageBodies: [(resources: [Data], policies: [Data])] = []
        func pages(_ jsons: [String]) -> [Data] {
            stride(from: 0, to: jsons.count, by: 1000).map { start in
                let end = min(jsons.count, start + 1000)
                var body = "{\"readTime\":\"2026-11-20T00:00:00Z\",\"assets\":[" + jsons[start..<end].joined(separator: ",") + "]"
                if end < jsons.count { body += ",\"nextPageToken\":\"\(FakeGoogle.pageToken(offset: end))\"" }
                return Data((body + "}").utf8)
            }
        }
        for p in 0..<Self.projects {
            let parent = "projects/bench-\(p)"
            var resources: [String] = [], policies: [String] = []
            for i in 0..<Self.perProject {
                let r = Self.resource(p, i)
                bytes += r.json.utf8.count
                fake.add(parent: parent, contentType: .resource, assetType: r.type, json: r.json)
                resources.append(r.json)
                if i < Self.withPolicy {
                    let name = try JSONReader.parse(r.json).get()["name"]!.stringValue!
                    let policy = """
                        {"name":"\(name)","assetType":"\(r.type)","ancestors":["projects/\(5000 + p)","organizations/42"],\
                        "iamPolicy":{"version":1,"etag":"BwX\(i)","bindings":[{"role":"roles/viewer","members":["group:devs@example.com","serviceAccount:ci@bench.iam.gserviceaccount.com"]}]}}
                        """
                    fake.add(parent: parent, contentType: .iamPolicy, assetType: r.type, json: policy)
                    policies.append(policy)
                }
            }
            pageBodies.append((pages(resources), pages(policies)))
        }
        fake.accept("bench-token")
        let options = LiveOptions(scope: .projects((0..<Self.projects).map { "bench-\($0)" }),
                                  endpoints: Endpoints(assetInventory: fake.baseURL),
                                  environment: ["GOOGLE_OAUTH_ACCESS_TOKEN": "bench-token"])
        let runs = Int(ProcessInfo.processInfo.environment["TOLLGATE_LIVE_BENCH_RUNS"] ?? "5") ?? 5
        var fetchTimes: [Double] = []
        var exportTimes: [Double] = []
        var parseTimes: [Double] = []
        var fetchCPU: [Double] = [], parseCPU: [Double] = [], exportCPU: [Double] = []
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        /// CPU seconds (user + system) of this process so far: on a shared machine wall
        /// time swings with other load, CPU time much less.
        func cpu() -> Double {
            var u = rusage()
            getrusage(RUSAGE_SELF.rawValue, &u)
            return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
        }
        let dir = try Fixture.tempDirectory()
        for run in 0...runs {   // run 0 warms the server's page cache and the connection pool
            let clock = ContinuousClock()
            let c0 = cpu()
            let t0 = clock.now
            let snapshot = try await LiveScanner(options: options, http: HTTPClient(policy: options.retry)).fetch()
            let t1 = clock.now
            let c1 = cpu()
            try ExportWriter.write(snapshot, to: dir.appendingPathComponent("export.ndjson").path)
            let t2 = clock.now
            let c2 = cpu()
            #expect(snapshot.assets.count == Self.projects * Self.perProject)
            #expect(snapshot.isComplete)
            #expect(snapshot.totalRequests == Self.projects * (Self.perProject / 1000 + 1))
            #expect(snapshot.assets.filter { $0.iamPolicy != nil }.count == Self.projects * Self.withPolicy)
            // Client CPU alone: parse every page body and merge per project, no network.
            let url = URL(string: "http://bench/")!
            var merged = 0
            for project in pageBodies {
                let parse = { (bodies: [Data]) throws -> [Value] in
                    try bodies.flatMap { body in
                        try AssetInventoryClient.parsePage(HTTPExchange(response: HTTPResponseData(status: 200, body: body),
                                                                        attempts: 1, retries: []), url: url).assets
                    }
                }
                merged += LiveScanner.merge(resources: try parse(project.resources), policies: try parse(project.policies),
                                            scope: "p").count
            }
            let t3 = clock.now
            let c3 = cpu()
            #expect(merged == Self.projects * Self.perProject)
            if run > 0 {
                fetchTimes.append(seconds(t1 - t0))
                exportTimes.append(seconds(t2 - t1))
                parseTimes.append(seconds(t3 - t2))
                fetchCPU.append(c1 - c0)
                exportCPU.append(c2 - c1)
                parseCPU.append(c3 - c2)
            }
        }
        await fake.stop()
        let exportSize = (try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("export.ndjson").path)[.size] as? Int) ?? 0
        func median(_ a: [Double]) -> Double { a.sorted()[a.count / 2] }
        print(String(format: """
            live benchmark: %d assets (%d projects, %d RESOURCE + %d IAM_POLICY pages, %.1f MB of resource JSON)
              fetch+parse+merge (loopback, fake server in-process): wall median %.3f s, min %.3f s over %d runs (%.0f assets/s); CPU (client+server) median %.3f s
              parse+merge alone (client, no network):                wall median %.3f s, min %.3f s; CPU median %.3f s
              --save-export:                                         wall median %.3f s, min %.3f s; CPU median %.3f s (%.1f MB NDJSON)
            """, Self.projects * Self.perProject, Self.projects, Self.projects * 5, Self.projects,
            Double(bytes) / 1e6, median(fetchTimes), fetchTimes.min()!, runs,
            Double(Self.projects * Self.perProject) / median(fetchTimes), median(fetchCPU),
            median(parseTimes), parseTimes.min()!, median(parseCPU),
            median(exportTimes), exportTimes.min()!, median(exportCPU), Double(exportSize) / 1e6)
            + "\n  load average at the end: "
            + ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
