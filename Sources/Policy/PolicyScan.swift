import Assets
import Foundation
import HCL
import Terraform

/// The policy stage of a scan: evaluate the graph, then apply suppressions (inline comments
/// and `.tollgate.yaml`) and the baseline, and hand the pieces of `ScanResult` back.
///
/// How the scan command uses it:
/// ```swift
/// let pack = PolicyPack.load(customDirectories: policyDirs, constraintDirectories: constraintDirs)
/// let engine = PolicyEngine(pack: pack, profile: pack.profiles[profileName]!)
/// var input = PolicyScan.Input(graph: AssetGraph(assets: assets), today: "2026-11-26")
/// input.options.environment = env                     // --env
/// input.inlineComments = PolicyScan.inlineComments(of: instances)
/// input.options.preventDestroy = PolicyScan.preventDestroy(of: instances)
/// input.configSuppressions = SuppressionRule.parseConfig(text, path: ".tollgate.yaml")
/// let output = PolicyScan.run(engine: engine, input: input)
/// output.apply(to: &scanResult)                        // policies, findings, undetermined, tallies, coverage, notices, resolved
/// ```
package enum PolicyScan {
    package struct Input: Sendable {
        package var graph: AssetGraph
        package var options: PolicyEngine.Options
        /// `PolicyEngine.resourceKey(rootModule:address:)` → the comments inside that resource block.
        package var inlineComments: [String: [ResourceInstance.Comment]]
        /// `--no-inline-suppressions` sets this false: only `.tollgate.yaml` may waive.
        package var inlineSuppressions: Bool
        /// Parsed `.tollgate.yaml` rules and the diagnostics of parsing it.
        package var configSuppressions: ([SuppressionRule], [Diagnostic])
        package var baseline: Baseline?
        /// `YYYY-MM-DD` (UTC) — the date expiries are compared with.
        package var today: String

        package init(graph: AssetGraph, options: PolicyEngine.Options = .init(), inlineComments: [String: [ResourceInstance.Comment]] = [:],
                     inlineSuppressions: Bool = true, configSuppressions: ([SuppressionRule], [Diagnostic]) = ([], []),
                     baseline: Baseline? = nil, today: String) {
            self.graph = graph
            self.options = options
            self.inlineComments = inlineComments
            self.inlineSuppressions = inlineSuppressions
            self.configSuppressions = configSuppressions
            self.baseline = baseline
            self.today = today
        }
    }

    package struct Output: Sendable {
        package var policies: [PolicyMetadata]
        package var findings: [Finding]
        package var undetermined: [Undetermined]
        package var tallies: [PolicyTally]
        package var coverage: [CoverageGap]
        package var notices: [Diagnostic]
        /// Baseline findings that no longer occur (fixed).
        package var resolved: [Finding]

        /// Fills the policy parts of a scan result (appending to coverage and notices).
        package func apply(to result: inout ScanResult) {
            result.policies = policies
            result.findings = findings
            result.undetermined = undetermined
            result.tallies = tallies
            result.coverage += coverage
            result.notices += notices
            result.resolved = resolved
        }
    }

    /// Inline comments of resource instances, keyed for `Input.inlineComments`.
    package static func inlineComments(of instances: [ResourceInstance]) -> [String: [ResourceInstance.Comment]] {
        var out: [String: [ResourceInstance.Comment]] = [:]
        for i in instances where !i.inlineComments.isEmpty {
            out[PolicyEngine.resourceKey(rootModule: i.rootModule, address: i.address), default: []] += i.inlineComments
        }
        return out
    }

    /// `lifecycle { prevent_destroy = true }` resources, keyed for `PolicyEngine.Options.preventDestroy`.
    package static func preventDestroy(of instances: [ResourceInstance]) -> Set<String> {
        Set(instances.filter(\.preventDestroy).map { PolicyEngine.resourceKey(rootModule: $0.rootModule, address: $0.address) })
    }

    package static func run(engine: PolicyEngine, input: Input) -> Output {
        let evaluated = engine.evaluate(input.graph, options: input.options)
        var findings = evaluated.findings
        var coverage = evaluated.coverage
        var notices = evaluated.notices
        var tallies = Dictionary(uniqueKeysWithValues: evaluated.tallies.map { ($0.policyID, $0) })
        let known = Set(engine.pack.policies.map(\.id))

        func problem(_ d: Diagnostic) {
            notices.append(d)
            if d.severity == .error {
                coverage.append(CoverageGap(kind: .policyError, subject: d.range?.filename ?? "suppressions", message: d.summary,
                                            location: d.range.map(Location.init(range:))))
            }
        }
        func validIDs(_ rule: SuppressionRule) -> Bool {
            let unknown = rule.policyIDs.filter { $0 != "*" && !known.contains($0) }
            for id in unknown { problem(.error("suppression names policy '\(id)', which does not exist", at: rule.range)) }
            return unknown.isEmpty
        }

        // Rules: config entries, then inline directives by resource.
        var rules: [SuppressionRule] = []
        for d in input.configSuppressions.1 { problem(d) }
        for r in input.configSuppressions.0 where validIDs(r) { rules.append(r) }
        var inlineByResource: [String: [Int]] = [:]
        if input.inlineSuppressions {
            for key in input.inlineComments.keys.sorted() {
                for c in input.inlineComments[key] ?? [] {
                    let (parsed, diags) = SuppressionRule.parseInline(c.text, range: c.range)
                    for d in diags { problem(d) }
                    for r in parsed where validIDs(r) {
                        inlineByResource[key, default: []].append(rules.count)
                        rules.append(r)
                    }
                }
            }
        }

        var used = Array(repeating: false, count: rules.count)
        // Without rules nothing is suppressed: no need to read (copy) 100,000s of findings.
        for i in findings.indices where !rules.isEmpty {
            let f = findings[i]
            var candidates: [Int] = []
            if let address = f.address, let root = f.source {
                candidates += (inlineByResource[PolicyEngine.resourceKey(rootModule: root, address: address)] ?? [])
                    .filter { rules[$0].covers(policyID: f.policyID) }
            }
            candidates += rules.indices.filter {
                rules[$0].kind == .config && rules[$0].covers(policyID: f.policyID) && rules[$0].matches(address: f.address, assetName: f.assetName)
            }
            guard !candidates.isEmpty else { continue }
            for c in candidates { used[c] = true }
            if let active = candidates.first(where: { !rules[$0].isExpired(today: input.today) }) {
                findings[i].status = .suppressed
                findings[i].suppression = rules[active].suppression
                tallies[f.policyID]?.waived += 1
            } else {
                let r = rules[candidates[0]]
                notices.append(.warning(
                    "suppression of \(f.policyID) for \(f.address ?? f.assetName) expired on \(r.expires ?? "?"); the finding is open again",
                    at: r.range))
            }
        }
        for (i, r) in rules.enumerated() where !used[i] {
            let target = r.kind == .inline ? "this resource" : (r.addressGlob ?? r.assetGlob ?? "*")
            notices.append(.warning("unused suppression: \(r.policyIDs.joined(separator: " ")) matched no finding for \(target)", at: r.range))
        }

        var resolved: [Finding] = []
        if let baseline = input.baseline {
            resolved = baseline.apply(to: &findings)
            for f in findings where f.status == .baselined { tallies[f.policyID]?.waived += 1 }
        }
        return Output(policies: evaluated.policies, findings: findings, undetermined: evaluated.undetermined,
                      tallies: tallies.values.sorted { $0.policyID < $1.policyID }, coverage: coverage, notices: notices,
                      resolved: resolved)
    }
}
