import Assets
import CEL
import Foundation
import HCL

/// Evaluates policies against the asset graph: pass, fail (a `Finding` located at its cause)
/// or undetermined (the condition needed a value known only after apply), per asset and
/// policy, under one profile. Suppressions and the baseline are applied afterwards by
/// `ScanEvaluation` (see `PolicyEngine.run`).
package struct PolicyEngine: Sendable {
    package struct Options: Sendable {
        /// `--env`: the environment of every asset.
        package var environment: String?
        /// Root module → its `environment`/`env` variable from tfvars.
        package var rootModuleVariables: [String: String]
        /// `--undetermined fail`: undetermined outcomes also become (open) findings.
        package var undeterminedFails: Bool
        /// Only these policies (tests, `policies test`); nil = all.
        package var onlyPolicies: Set<String>?
        /// Terraform resources with `lifecycle { prevent_destroy = true }`, as
        /// `PolicyEngine.resourceKey(rootModule:address:)` (from `ResourceInstance.preventDestroy`;
        /// the asset model does not carry lifecycle settings). Nil: unknown, so policies reading
        /// `terraform.preventDestroy` are undetermined.
        package var preventDestroy: Set<String>?

        package init(environment: String? = nil, rootModuleVariables: [String: String] = [:], undeterminedFails: Bool = false,
                     onlyPolicies: Set<String>? = nil, preventDestroy: Set<String>? = nil) {
            self.environment = environment
            self.rootModuleVariables = rootModuleVariables
            self.undeterminedFails = undeterminedFails
            self.onlyPolicies = onlyPolicies
            self.preventDestroy = preventDestroy
        }
    }

    /// What evaluation produced, before suppressions and baseline.
    package struct Output: Sendable {
        package var policies: [PolicyMetadata] = []
        package var findings: [Finding] = []
        package var undetermined: [Undetermined] = []
        package var tallies: [PolicyTally] = []
        package var coverage: [CoverageGap] = []
        package var notices: [Diagnostic] = []
    }

    package let profile: Profile
    let compiled: [CompiledPolicy]
    /// Policies by asset type (plus `*`).
    let byType: [String: [Int]]
    let wildcard: [Int]
    /// Load and compile problems (bad CEL, missing parameters), reported as coverage gaps.
    package let problems: [Diagnostic]
    let pack: PolicyPack
    /// Top-level `resource.data` keys any compiled expression reads; nil = convert everything.
    package let resourceKeys: Set<String>?
    /// The member chains of `resource` any expression reads; nil = convert everything. Used
    /// for other assets' views (`assetsOfType`, `related`).
    let resourceTrie: ResourceTrie?
    /// Per asset type: the chains of `resource` the policies of that type read (an asset's
    /// own `resource` converts only those); `wildcardTrie` for types only `*` policies run on.
    let typeTries: [String: ResourceTrie?]
    let wildcardTrie: ResourceTrie?
    /// The chains of the policies with graph calls: what other assets' views convert.
    let viewTrie: ResourceTrie?
    /// One variable layout for every program: an asset's single slot activation serves all
    /// its policies (docs/cel.md, "Variables by slot").
    let layout: CELVariables
    let kinds: [VariableKind]

    /// Compiles every policy the profile runs. A policy that does not compile is left out and
    /// reported; the rest run.
    package init(pack: PolicyPack, profile: Profile) {
        // Compiled twice: first each program on its own (diagnostics, and the names it reads),
        // then against the layout shared by all (`relaid`).
        var compiled: [CompiledPolicy] = []
        var problems: [Diagnostic] = []
        for def in pack.policies where pack.runs(def, under: profile) {
            let (c, d) = CompiledPolicy.compile(def, severity: profile.severity[def.id] ?? def.severity)
            problems += d
            if let c { compiled.append(c) }
        }
        // The shared layout: the fixed variables, then every other name any program reads.
        var names = ["resource", "asset", "iamPolicy", "params", "environment", "terraform", "project",
                     GraphCalls.accountIDsVariable, GraphCalls.allowlistVariable]
        var calls: [String: GraphCalls.Call] = [:]
        for c in compiled {
            names += c.referencedVariables
            calls.merge(c.graphCalls) { a, _ in a }
        }
        let layout = CELVariables(names)
        let kinds: [VariableKind] = layout.names.enumerated().map { i, n in
            guard layout.slot(of: n) == i else { return .undefined }   // a repeated name: never read
            switch n {
            case "resource": return .resource
            case "asset": return .asset
            case "iamPolicy": return .iamPolicy
            case "params": return .params
            case "environment": return .environment
            case "terraform": return .terraform
            case "project": return .project
            case GraphCalls.accountIDsVariable: return .accountIDs
            case GraphCalls.allowlistVariable: return .allowlist
            default: return calls[n].map { .graph($0) } ?? .undefined
            }
        }
        compiled = compiled.map { $0.relaid(in: layout) }
        self.layout = layout
        self.kinds = kinds
        var byType: [String: [Int]] = [:]
        var wildcard: [Int] = []
        for (i, c) in compiled.enumerated() {
            for t in c.definition.resourceTypes {
                if t == "*" { wildcard.append(i) } else { byType[t, default: []].append(i) }
            }
        }
        self.profile = profile
        self.compiled = compiled
        self.byType = byType
        self.wildcard = wildcard
        self.problems = problems
        self.pack = pack
        var keys: Set<String>? = []
        var chains: [[String]]? = []
        var policyChains: [[[String]]?] = []
        for c in compiled {
            var mine: [[String]]? = []
            for src in [c.definition.condition, c.definition.applies, c.definition.violations].compactMap({ $0 }) {
                if let k = GraphCalls.resourceKeys(src) { keys?.formUnion(k) } else { keys = nil }
                if let ch = GraphCalls.resourceChains(src) { mine?.append(contentsOf: ch) } else { mine = nil }
            }
            if let mine { chains?.append(contentsOf: mine) } else { chains = nil }
            policyChains.append(mine)
        }
        self.resourceKeys = keys
        self.resourceTrie = chains.map { ResourceTrie(chains: $0) }
        func trie(_ indices: [Int]) -> ResourceTrie? {
            var all: [[String]] = []
            for i in indices {
                guard let ch = policyChains[i] else { return nil }
                all += ch
            }
            return ResourceTrie(chains: all)
        }
        self.typeTries = byType.mapValues { trie($0 + wildcard) }
        self.viewTrie = trie(compiled.indices.filter { !compiled[$0].graphCalls.isEmpty })
        self.wildcardTrie = trie(wildcard)
    }

    package var policyIDs: [String] { compiled.map(\.definition.id) }

    /// The key of a Terraform resource in side tables (`preventDestroy`, inline comments).
    package static func resourceKey(rootModule: String, address: String) -> String {
        rootModule + "\u{1F}" + address
    }

    /// Evaluates every asset of `graph` (plus an implied project asset for each project that
    /// has assets but no project asset of its own, so "must exist" policies run).
    ///
    /// Large graphs are evaluated in contiguous slices of the asset list on every core, each
    /// slice with its own caches, and the slices' outputs are concatenated in order: the
    /// output is exactly the sequential one (see `merge`).
    package func evaluate(_ graph: AssetGraph, options: Options = Options()) -> Output {
        var out = Output()
        let context = EvaluationContext(graph: graph, profile: profile)
        context.resourceKeys = resourceKeys
        context.resourceTrie = resourceTrie
        context.viewTrie = viewTrie
        context.preventDestroy = options.preventDestroy
        let isSelected = compiled.map { options.onlyPolicies?.contains($0.definition.id) ?? true }
        for (i, c) in compiled.enumerated() where isSelected[i] {
            out.policies.append(c.definition.metadata(severity: c.severity))
        }
        for d in problems {
            out.coverage.append(CoverageGap(kind: .policyError, subject: d.range?.filename ?? "policies", message: d.summary,
                                            location: d.range.map(Location.init(range:))))
        }
        let total = graph.assets.count + context.impliedProjects.count
        // Slices of at least 2,000 assets (a thread costs more than a few evaluations), several
        // per core: names sort by service, so a slice is mostly one asset type, and one slice
        // of costly assets must not leave the other cores idle.
        let slices = ParallelRanges.jobs(count: total, minimum: 2_000)
        let parts: [Slice]
        if slices.count == 1 {
            parts = [evaluate(slices[0], context: context, isSelected: isSelected, options: options)]
        } else {
            // Contexts are made here (they are not thread-safe; each slice fills its own caches).
            let contexts = slices.map { _ in context.fresh() }
            parts = ParallelRanges.tasks(slices.count) { k in
                evaluate(slices[k], context: contexts[k], isSelected: isSelected, options: options)
            }
        }
        merge(parts, into: &out, isSelected: isSelected)
        return out
    }

    /// What evaluating one slice of the assets produced.
    struct Slice: Sendable {
        var findings: [Finding] = []
        var undetermined: [Undetermined] = []
        /// Gaps in asset order; `key` (policy/environment) marks a missing-parameter gap,
        /// reported once per key for the whole graph.
        var coverage: [(key: String?, gap: CoverageGap)] = []
        var notices: [Diagnostic] = []
        var tallies: [PolicyTally]
        var applicable: [Bool]
    }

    /// The slices' outputs in slice order — the order the assets were evaluated in one pass —
    /// with each missing-parameter gap kept at its first occurrence only, as one pass reports it.
    func merge(_ parts: [Slice], into out: inout Output, isSelected: [Bool]) {
        var tallies = compiled.map { PolicyTally(policyID: $0.definition.id) }
        var applicableSeen = [Bool](repeating: false, count: compiled.count)
        var reported: Set<String> = []
        var findingCount = 0
        for p in parts { findingCount += p.findings.count }
        out.findings.reserveCapacity(out.findings.count + findingCount)
        for p in parts {
            out.findings.append(contentsOf: p.findings)
            out.undetermined.append(contentsOf: p.undetermined)
            for (key, gap) in p.coverage where key.map({ reported.insert($0).inserted }) ?? true { out.coverage.append(gap) }
            out.notices.append(contentsOf: p.notices)
            for i in compiled.indices {
                tallies[i].passed += p.tallies[i].passed
                tallies[i].failed += p.tallies[i].failed
                tallies[i].undetermined += p.tallies[i].undetermined
                applicableSeen[i] = applicableSeen[i] || p.applicable[i]
            }
        }
        // A policy id may be compiled once only (custom policies replace built-in ones), so
        // tallies by index are tallies by id.
        for i in compiled.indices where isSelected[i] && !applicableSeen[i] { tallies[i].notApplicable = true }
        out.tallies = compiled.indices.filter { isSelected[$0] }.map { tallies[$0] }.sorted { $0.policyID < $1.policyID }
    }

    /// Evaluates the assets `range` (indexes past the graph's assets are implied projects).
    func evaluate(_ range: Range<Int>, context: EvaluationContext, isSelected: [Bool], options: Options) -> Slice {
        let graph = context.graph
        let resolver = EnvironmentResolver(profile: profile, commandLine: options.environment,
                                           rootModuleVariables: options.rootModuleVariables)
        // Per compiled policy (by index): no string hashing per evaluation.
        var out = Slice(tallies: compiled.map { PolicyTally(policyID: $0.definition.id) },
                        applicable: [Bool](repeating: false, count: compiled.count))
        var missingParamReported: Set<String> = []
        // Per asset type: the selected policies (wildcard ones included) and the resource trie.
        var plans: [String: (indices: [Int], trie: ResourceTrie?)] = [:]
        // Per environment: the policies that run there (environments list, profile parameters).
        var runsIn: [String: [Bool]] = [:]
        // Environment by (labels without environment/env) root module: resolved once each.
        // Resolving that way never gives a notice, so a slice resolving a root again that an
        // earlier slice resolved adds nothing to the output.
        var envByRoot: [String: String] = [:]
        let activation = AssetActivation(layout: layout, kinds: kinds, context: context)
        for assetIndex in range {
            let implied = assetIndex >= graph.assets.count
            let asset = implied ? context.impliedProjects[assetIndex - graph.assets.count] : graph.assets[assetIndex]
            let plan: (indices: [Int], trie: ResourceTrie?)
            if let p = plans[asset.assetType] { plan = p } else {
                let indices = ((byType[asset.assetType] ?? []) + wildcard).filter { isSelected[$0] }
                plan = (indices, typeTries[asset.assetType] ?? wildcardTrie)
                plans[asset.assetType] = plan
            }
            guard !plan.indices.isEmpty else { continue }
            let env: String
            if let e = asset.environment {
                env = e
            } else if options.environment == nil, asset.labels["environment"] == nil, asset.labels["env"] == nil,
                      let root = asset.provenance.terraform?.rootModule ?? Optional(""), let e = envByRoot[root] {
                env = e
            } else {
                let (e, _, notice) = resolver.resolve(labels: asset.labels, rootModule: asset.provenance.terraform?.rootModule)
                if let notice { out.notices.append(.warning(notice)) }
                if options.environment == nil, asset.labels["environment"] == nil, asset.labels["env"] == nil {
                    envByRoot[asset.provenance.terraform?.rootModule ?? ""] = e
                }
                env = e
            }
            let runs: [Bool]
            if let r = runsIn[env] { runs = r } else {
                runs = compiled.map { c in
                    let def = c.definition
                    if let envs = def.environments, !envs.contains(env) { return false }
                    let missing = c.definition.params.isEmpty ? [] : pack.missingParameters(def, profile: profile, environment: env)
                    return missing.isEmpty
                }
                runsIn[env] = runs
            }
            activation.reset(asset: asset, environment: env, trie: plan.trie)
            for i in plan.indices {
                guard runs[i] else {
                    let c = compiled[i]
                    let def = c.definition
                    if let envs = def.environments, !envs.contains(env) { continue }
                    let missing = context.missingParameters(c, environment: env, pack: pack)
                    let key = def.id + "/" + env
                    if missingParamReported.insert(key).inserted {
                        out.coverage.append((key, CoverageGap(
                            kind: .policyError, subject: def.id,
                            message: "profile '\(profile.name)' lacks parameter(s) \(missing.joined(separator: ", ")) for environment '\(env)'; \(def.id) not evaluated there",
                            location: profile.range.map(Location.init(range:)))))
                    }
                    continue
                }
                let c = compiled[i]
                var outcome = evaluate(c, activation)
                // An implied project whose id Terraform knows only after apply (a placeholder:
                // `project = var.project_id` with no value) cannot be told apart from any other
                // project, so a failure of a project-level policy there would be a guess: it is
                // undetermined. Implied projects with a known id are evaluated as they are.
                if implied, asset.project?.hasPrefix("placeholder-") == true, case .fail = outcome {
                    outcome = .undetermined(["asset.project (known only after apply)"])
                }
                switch outcome {
                case .notApplicable:
                    continue
                case .pass:
                    out.applicable[i] = true
                    out.tallies[i].passed += 1
                case .fail(let accessed):
                    out.applicable[i] = true
                    activation.prepare(c.violationsSlots)
                    let findings = Blame.findings(for: c, asset: asset, environment: env, accessed: accessed, activation: activation)
                    out.tallies[i].failed += 1
                    out.findings += findings
                case .undetermined(let paths):
                    out.applicable[i] = true
                    out.tallies[i].undetermined += 1
                    let u = Blame.undetermined(for: c, asset: asset, environment: env, unknowns: paths)
                    out.undetermined.append(u)
                    if options.undeterminedFails {
                        out.findings.append(Blame.findingForUndetermined(c, u, asset: asset))
                    }
                case .error(let message):
                    out.applicable[i] = true
                    let def = c.definition
                    out.coverage.append((nil, CoverageGap(kind: .evaluationError, subject: def.id,
                                                          message: "\(def.id) on \(asset.name): \(message)",
                                                          location: Blame.blockLocation(asset))))
                }
            }
        }
        return out
    }

    enum Outcome {
        case notApplicable, pass
        case fail(accessed: [String])
        case undetermined([String])
        case error(String)
    }

    func evaluate(_ c: CompiledPolicy, _ activation: AssetActivation) -> Outcome {
        if let applies = c.applies {
            activation.prepare(c.appliesSlots)
            switch applies.value(activation.slots) {
            case .bool(false): return .notApplicable
            case .bool(true): break
            case .unknown(let u): return .undetermined(u.paths)
            case .error(let e): return .error("applies: \(e.message)")
            case let other: return .error("applies returned \(other.type.rawValue), not bool")
            }
        }
        activation.prepare(c.conditionSlots)
        let result = c.condition.evaluate(activation.slots)
        var compliant: Bool
        switch result.value {
        case .bool(let b): compliant = b
        case .unknown(let u): return .undetermined(u.paths)
        case .error(let e): return .error(e.message)
        case let other: return .error("condition returned \(other.type.rawValue), not bool")
        }
        if c.definition.denyOnTrue { compliant.toggle() }
        return compliant ? .pass : .fail(accessed: result.accessedPaths)
    }
}
