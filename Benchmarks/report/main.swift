// Report benchmark: renders all five formats for a synthetic scan of 50,000 findings and
// writes the four report files atomically. Target: under 1 second in total (issue 8).
//
//   swift run -c release report-benchmark [findings] [runs] [format]
//
// Prints the best and median wall time and the median CPU time of `runs` timings per step.
// The last step is what a user pays: `tollgate scan --output DIR` normalizes the result once,
// renders and atomically writes the four files (concurrently), then renders the console.
import Foundation
import Policy
import Report

let args = CommandLine.arguments
let count = args.count > 1 ? Int(args[1]) ?? 50_000 : 50_000
let runs = args.count > 2 ? Int(args[2]) ?? 5 : 5
/// Optional third argument: only this format (for profiling one reporter).
let only = args.count > 3 ? ReportFormat(rawValue: args[3]) : nil

/// A scan result shaped like a big real one: 200 policies over six families, findings spread
/// over 1,000 files and all severities, a tenth suppressed or baselined, evidence on each.
func syntheticResult(findings n: Int) -> ScanResult {
    let families = Family.allCases
    let severities = Severity.allCases
    let policies = (0..<200).map { i in
        PolicyMetadata(id: String(format: "TG-BENCH-%03d", i), title: "Benchmark policy \(i)", family: families[i % families.count],
                       severity: severities[i % severities.count], resourceTypes: ["example.googleapis.com/Thing"],
                       controls: ["cis-gcp-2.0": ["\(i % 8 + 1).\(i % 13 + 1)"], "interviewlm": ["Control \(i % 20)"]],
                       rationale: "Why policy \(i) matters.", remediation: "setting_\(i) = true",
                       compliantExample: "resource \"x\" \"y\" {\n  setting_\(i) = true\n}", helpURI: "docs/policies/TG-BENCH-\(i).md")
    }
    let findings = (0..<n).map { i -> Finding in
        let p = policies[i % policies.count]
        let status: Finding.Status = i % 20 == 7 ? .suppressed : (i % 20 == 13 ? .baselined : .open)
        return Finding(
            policyID: p.id, severity: p.severity, family: p.family,
            message: "Thing t\(i) violates \(p.title) | value was \"\(i)\"",
            assetName: "//example.googleapis.com/projects/p\(i % 7)/things/t\(i)", assetType: "example.googleapis.com/Thing",
            address: "module.m\(i % 40).google_thing.t[\"k\(i)\"]", source: "environments/prod", environment: ["dev", "staging", "prod"][i % 3],
            location: Location(path: "infra/module\(i % 40)/file\(i % 1000).tf", startLine: i % 700 + 1, startColumn: 3, endLine: i % 700 + 4, endColumn: 2),
            evidence: [Evidence(field: "settings.field\(i % 9)", observed: "\(i)", expected: "0")],
            status: status,
            suppression: status == .open ? nil : Suppression(kind: i % 2 == 0 ? .inline : .config, reason: "accepted risk \(i)", expires: "2027-01-01", owner: "team\(i % 5)"),
            baselineState: status == .baselined ? .unchanged : .new,
            fingerprint: String(i, radix: 16))
    }
    let nodes = (0..<2000).map { GraphSummary.Node(name: "//example.googleapis.com/projects/p/things/t\($0)", assetType: "example.googleapis.com/Thing", label: "google_thing.t[\($0)]", failing: $0 % 3 == 0) }
    let edges = (1..<2000).map { GraphSummary.Edge(from: nodes[$0 - 1].name, to: nodes[$0].name, kind: "reference") }
    return ScanResult(
        tool: ToolInfo(version: "0.4.0", policyPackVersion: "2026.11.0"),
        scope: Scope(inputs: (0..<1000).map { .init(path: "infra/module\($0 % 40)/file\($0).tf", sha256: String(repeating: "ab", count: 32), kind: "terraform") },
                     profile: "interviewlm", environments: ["dev", "staging", "prod"], startedAt: "2026-11-26T22:00:00Z", automationID: "tollgate/bench/"),
        policies: policies, findings: findings,
        undetermined: (0..<500).map { Undetermined(policyID: policies[$0 % 200].id, severity: .high, family: policies[$0 % 200].family,
                                                   assetName: "//u/\($0)", assetType: "t", unknowns: ["resource.x"], reason: "known after apply") },
        tallies: policies.map { PolicyTally(policyID: $0.id, passed: 300, failed: n / 200, waived: n / 2000) },
        coverage: [],
        inventory: (0..<60).map { InventoryEntry(assetType: "example.googleapis.com/Type\($0 % 20)", environment: ["dev", "staging", "prod"][$0 % 3], count: 100 + $0) },
        graph: GraphSummary(nodes: nodes, edges: edges))
}

/// Process CPU time: on a machine shared with other builds, wall time mostly measures the
/// neighbours; CPU time is the work this process did (single-threaded, so it bounds wall time
/// on an idle core).
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// (wall, cpu) seconds of `body`.
func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let c0 = cpuSeconds(), t0 = ContinuousClock.now
    try body()
    let d = ContinuousClock.now - t0
    return (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18, cpuSeconds() - c0)
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

let result = syntheticResult(findings: count)
let reporters: [any Reporter] = [SARIFReporter(), MarkdownReporter(), JSONReporter(), JUnitReporter(), ConsoleReporter()]
    .filter { only == nil || $0.format == only }
// REPORT_BENCH_OUT=DIR keeps the reports (e.g. to run validate-sarif.py on the 25,000-result SARIF).
let keep = ProcessInfo.processInfo.environment["REPORT_BENCH_OUT"]
let dir = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-report-bench-\(getpid())").path
defer { if keep == nil { try? FileManager.default.removeItem(atPath: dir) } }

var times: [String: [(wall: Double, cpu: Double)]] = [:]
var sizes: [String: Int] = [:]
for _ in 0..<runs {
    var normalized = result
    times["normalize", default: []].append(measure { normalized = result.normalized() })
    var rendered: [(String, [UInt8])] = []
    for r in reporters {
        var bytes: [UInt8] = []
        times[r.format.rawValue, default: []].append(measure { bytes = try! r.render(normalized: normalized) })
        sizes[r.format.rawValue] = bytes.count
        if let name = r.fileName { rendered.append((name, bytes)) }
    }
    // I/O alone: the four files written atomically (temporary file, fsync, rename).
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    times["write 4 files", default: []].append(measure {
        for (name, bytes) in rendered { try! ReportWriter.writeAtomically(bytes, to: dir + "/" + name) }
    })
    // The whole job as `tollgate scan --output DIR` does it (Sources/tollgate/ScanRun.swift):
    // normalize once, render and write the four file formats (concurrently, as ReportWriter
    // does), then render the console from the same normalized result.
    guard only == nil else { continue }
    var console: [UInt8] = []
    let all = measure {
        let sorted = result.normalized()
        let writer = ReportWriter(directory: dir)
        _ = try! writer.write(normalized: sorted, reporters: writer.reporters(for: [.sarif, .markdown, .json, .junit], sourceRoot: sorted.scope.sourceRoot))
        console = try! ConsoleReporter().render(normalized: sorted)
    }
    times["all five, written", default: []].append(all)
    if keep != nil { try! ReportWriter.writeAtomically(console, to: dir + "/console.txt") }
}

print("Report benchmark: \(count) findings, \(result.policies.count) policies, \(result.graph.nodes.count) graph nodes; median of \(runs) runs")
print("  step              wall best  wall med   cpu med    output")
for key in ["normalize", "sarif", "markdown", "json", "junit", "console", "write 4 files", "all five, written"] {
    let size = sizes[key].map { String(format: "%7.1f MB", Double($0) / 1e6) } ?? ""
    guard let t = times[key] else { continue }
    print("  " + pad(key, 18) + String(format: "%9.3f %9.3f %9.3f    ", t.map(\.wall).min()!, median(t.map(\.wall)), median(t.map(\.cpu))) + size)
}
