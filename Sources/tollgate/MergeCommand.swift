import ArgumentParser
import Foundation
import HCL
import Policy
import Report

/// `tollgate merge`: the JSON reports of shards (`tollgate live --shard I/N`, a CI matrix)
/// combined into one scan result and written as one set of reports.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine JSON reports of shards into one set of reports.",
        discussion: """
        Findings, undetermined checks, coverage gaps, inventory, the asset graph and the \
        inputs are united; per-policy tallies are summed; policies are listed once. \
        --compare PREVIOUS.json marks the merged findings new, unchanged or resolved against \
        an earlier (merged) report; without it, when the shards ran with --compare, a finding \
        is resolved only when every shard says so (each compared against the whole earlier \
        report). The exit code is the merged result's: 0, 1 by --fail-on (default: the \
        shards'), 2 on coverage gaps or unreadable reports.
        """
    )

    @Argument(help: "JSON reports (tollgate.json) of the shards.")
    var reports: [String]

    @Option(help: "Comma-separated formats: console, sarif, markdown, json, junit (default: console).")
    var format: String?

    @Option(help: "Directory to write tollgate.sarif, tollgate.md, tollgate.json, tollgate.junit.xml into.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "critical, high, medium, low, info or none (default: the shards' setting).")
    var failOn: String?

    @Option(help: "A JSON report of an earlier run: marks the merged findings new, unchanged or resolved.")
    var compare: String?

    @Flag(help: "Print nothing but errors to the console.")
    var quiet = false

    func run() throws {
        throw ExitCode(execute())
    }

    func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func execute() -> Int32 {
        var results: [ScanResult] = []
        for path in reports {
            do {
                results.append(try JSONReporter.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
            } catch {
                printError("error: cannot read \(path): \(error)")
                return 2
            }
        }
        var settings = GateOptions.Settings()
        settings.failOn = results.first?.failOn
        var diagnostics = GateOptions.apply(failOn: failOn, to: &settings)
        diagnostics += GateOptions.apply(format: format, to: &settings)
        if let output { settings.output = output }
        diagnostics += GateOptions.checkOutput(settings)
        for d in diagnostics { printError(d.description) }
        guard !diagnostics.hasErrors else { return 2 }
        let versions = Set(results.map(\.tool.policyPackVersion))
        if versions.count > 1 {
            printError("warning: the reports come from different policy packs (\(versions.sorted().joined(separator: ", ")))")
        }
        var merged = Self.merge(results)
        merged.failOn = settings.failOn
        if let compare {
            do {
                Self.compare(&merged, with: try PolicyStage.loadBaseline(compare, isReport: true))
            } catch {
                printError("error: cannot read \(compare): \(error)")
                return 2
            }
        }
        return PolicyStage.report(merged, settings: settings, quiet: quiet, printError: printError)
    }

    /// One result from several. Lists are united without duplicates (in first-seen order;
    /// reports sort them anyway); tallies and inventory counts are summed; the scope takes
    /// the earliest start, every input and environment, and what all shards agree on.
    static func merge(_ results: [ScanResult]) -> ScanResult {
        guard let first = results.first else {
            return ScanResult(tool: ToolInfo(version: Tollgate.version, policyPackVersion: PolicyPack.version),
                              scope: Scope(inputs: [], profile: "", environments: [], startedAt: ScanRun.timestamp(ScanRun.now),
                                           automationID: "tollgate/all/"))
        }
        func agreed<T: Hashable>(_ values: [T]) -> T? { Set(values).count == 1 ? values.first : nil }
        var scope = first.scope
        scope.inputs = united(results.map(\.scope.inputs))
        scope.profile = agreed(results.map(\.scope.profile)) ?? Set(results.map(\.scope.profile)).sorted().joined(separator: ", ")
        scope.environments = Set(results.flatMap(\.scope.environments)).sorted()
        scope.startedAt = results.map(\.scope.startedAt).min()!
        scope.gitCommit = agreed(results.map(\.scope.gitCommit)) ?? nil
        scope.automationID = agreed(results.map(\.scope.automationID)) ?? first.scope.automationID
        scope.sourceRoot = agreed(results.map(\.scope.sourceRoot)) ?? "."

        var out = ScanResult(tool: first.tool, scope: scope, failOn: first.failOn)
        var policies: [String: PolicyMetadata] = [:]
        for r in results { for p in r.policies where policies[p.id] == nil { policies[p.id] = p } }
        out.policies = policies.values.sorted { $0.id < $1.id }
        out.findings = united(results.map(\.findings))
        out.undetermined = united(results.map(\.undetermined))
        out.coverage = united(results.map(\.coverage))
        out.notices = united(results.map(\.notices))

        var tallies: [String: PolicyTally] = [:]
        for r in results {
            for t in r.tallies {
                guard var sum = tallies[t.policyID] else { tallies[t.policyID] = t; continue }
                sum.passed += t.passed
                sum.failed += t.failed
                sum.undetermined += t.undetermined
                sum.waived += t.waived
                // Not applicable only when no shard had an asset it applies to.
                sum.notApplicable = sum.notApplicable && t.notApplicable
                tallies[t.policyID] = sum
            }
        }
        out.tallies = tallies.values.sorted { $0.policyID < $1.policyID }

        var inventory: [String: InventoryEntry] = [:]
        for r in results {
            for e in r.inventory {
                inventory["\(e.assetType)\u{1F}\(e.environment)", default: InventoryEntry(assetType: e.assetType, environment: e.environment, count: 0)].count += e.count
            }
        }
        out.inventory = inventory.values.sorted { ($0.assetType, $0.environment) < ($1.assetType, $1.environment) }

        var nodes: [String: GraphSummary.Node] = [:]
        var order: [String] = []
        for r in results {
            for n in r.graph.nodes {
                if var existing = nodes[n.name] {
                    existing.failing = existing.failing || n.failing
                    nodes[n.name] = existing
                } else {
                    nodes[n.name] = n
                    order.append(n.name)
                }
            }
        }
        out.graph = GraphSummary(nodes: order.map { nodes[$0]! }, edges: united(results.map(\.graph.edges)))

        // Every shard compared against the whole earlier report, so each lists as resolved
        // the earlier findings of the other shards too: resolved is what all of them agree on.
        var resolved = first.resolved
        for r in results.dropFirst() {
            let fingerprints = Set(r.resolved.map(\.fingerprint))
            resolved = resolved.filter { fingerprints.contains($0.fingerprint) }
        }
        out.resolved = resolved
        return out
    }

    /// Marks the merged findings against an earlier report, as `scan --compare` does, after
    /// undoing what the shards' own comparisons did.
    /// Baselined findings count as waived in their policy's tally (as `PolicyScan` counts them).
    static func compare(_ result: inout ScanResult, with baseline: Baseline) {
        var waived: [String: Int] = [:]
        for i in result.findings.indices {
            if result.findings[i].status == .baselined {
                result.findings[i].status = .open
                waived[result.findings[i].policyID, default: 0] -= 1
            }
            result.findings[i].baselineState = nil
        }
        result.resolved = baseline.apply(to: &result.findings)
        for f in result.findings where f.status == .baselined { waived[f.policyID, default: 0] += 1 }
        for i in result.tallies.indices { result.tallies[i].waived += waived[result.tallies[i].policyID] ?? 0 }
    }

    /// The union of lists, in first-seen order, without duplicates.
    static func united<T: Hashable>(_ lists: [[T]]) -> [T] {
        var seen = Set<T>()
        var out: [T] = []
        for list in lists { for e in list where seen.insert(e).inserted { out.append(e) } }
        return out
    }
}
