import Assets
import CEL
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
    /// The member chains of `resource` any expression reads; nil = convert everything.
    let resourceTrie: ResourceTrie?

    /// Compiles every policy the profile runs. A policy that does not compile is left out and
    /// reported; the rest run.
    package init(pack: PolicyPack, profile: Profile) {
        var compiled: [CompiledPolicy] = []
        var problems: [Diagnostic] = []
        for def in pack.policies where pack.runs(def, under: profile) {
            let (c, d) = CompiledPolicy.compile(def, severity: profile.severity[def.id] ?? def.severity)
            problems += d
            if let c { compiled.append(c) }
        }
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
        for c in compiled {
            for src in [c.definition.condition, c.definition.applies, c.definition.violations].compactMap({ $0 }) {
                if let k = GraphCalls.resourceKeys(src) { keys?.formUnion(k) } else { keys = nil }
                if let ch = GraphCalls.resourceChains(src) { chains?.append(contentsOf: ch) } else { chains = nil }
            }
        }
        self.resourceKeys = keys
        self.resourceTrie = chains.map { ResourceTrie(chains: $0) }
    }

    package var policyIDs: [String] { compiled.map(\.definition.id) }

    /// The key of a Terraform resource in side tables (`preventDestroy`, inline comments).
    package static func resourceKey(rootModule: String, address: String) -> String {
        rootModule + "\u{1F}" + address
    }

    /// Evaluates every asset of `graph` (plus an implied project asset for each project that
    /// has assets but no project asset of its own, so "must exist" policies run).
    package func evaluate(_ graph: AssetGraph, options: Options = Options()) -> Output {
        var out = Output()
        let resolver = EnvironmentResolver(profile: profile, commandLine: options.environment,
                                           rootModuleVariables: options.rootModuleVariables)
        let context = EvaluationContext(graph: graph, profile: profile)
        context.resourceKeys = resourceKeys
        context.resourceTrie = resourceTrie
        context.preventDestroy = options.preventDestroy
        var tallies: [String: PolicyTally] = [:]
        var applicableSeen: Set<String> = []
        var missingParamReported: Set<String> = []
        let selected = compiled.filter { options.onlyPolicies?.contains($0.definition.id) ?? true }
        for c in selected {
            tallies[c.definition.id] = PolicyTally(policyID: c.definition.id)
            out.policies.append(c.definition.metadata(severity: c.severity))
        }
        for d in problems {
            out.coverage.append(CoverageGap(kind: .policyError, subject: d.range?.filename ?? "policies", message: d.summary,
                                            location: d.range.map(Location.init(range:))))
        }

        let selectedIndices: Set<Int>? = options.onlyPolicies.map { only in
            Set(compiled.indices.filter { only.contains(compiled[$0].definition.id) })
        }
        for assetIndex in 0..<(graph.assets.count + context.impliedProjects.count) {
            let asset = assetIndex < graph.assets.count ? graph.assets[assetIndex] : context.impliedProjects[assetIndex - graph.assets.count]
            var indices = byType[asset.assetType] ?? []
            if !wildcard.isEmpty { indices += wildcard }
            if let sel = selectedIndices { indices = indices.filter { sel.contains($0) } }
            guard !indices.isEmpty else { continue }
            let (env, _, notice) = asset.environment.map { ($0, EnvironmentResolver.Source.commandLine, String?.none) }
                ?? resolver.resolve(labels: asset.labels, rootModule: asset.provenance.terraform?.rootModule)
            if let notice { out.notices.append(.warning(notice)) }
            let activation = AssetActivation(asset: asset, environment: env, context: context)
            for i in indices {
                let c = compiled[i]
                let def = c.definition
                if let envs = def.environments, !envs.contains(env) { continue }
                let missing = context.missingParameters(c, environment: env, pack: pack)
                if !missing.isEmpty {
                    if missingParamReported.insert(def.id + "/" + env).inserted {
                        out.coverage.append(CoverageGap(
                            kind: .policyError, subject: def.id,
                            message: "profile '\(profile.name)' lacks parameter(s) \(missing.joined(separator: ", ")) for environment '\(env)'; \(def.id) not evaluated there",
                            location: profile.range.map(Location.init(range:))))
                    }
                    continue
                }
                activation.graphCalls = c.graphCalls
                var outcome = evaluate(c, activation)
                // An implied project whose id Terraform knows only after apply (a placeholder:
                // `project = var.project_id` with no value) cannot be told apart from any other
                // project, so a failure of a project-level policy there would be a guess: it is
                // undetermined. Implied projects with a known id are evaluated as they are.
                if assetIndex >= graph.assets.count, asset.project?.hasPrefix("placeholder-") == true, case .fail = outcome {
                    outcome = .undetermined(["asset.project (known only after apply)"])
                }
                switch outcome {
                case .notApplicable:
                    continue
                case .pass:
                    applicableSeen.insert(def.id)
                    tallies[def.id]?.passed += 1
                case .fail(let accessed):
                    applicableSeen.insert(def.id)
                    let findings = Blame.findings(for: c, asset: asset, environment: env, accessed: accessed, activation: activation)
                    tallies[def.id]?.failed += 1
                    out.findings += findings
                case .undetermined(let paths):
                    applicableSeen.insert(def.id)
                    tallies[def.id]?.undetermined += 1
                    let u = Blame.undetermined(for: c, asset: asset, environment: env, unknowns: paths)
                    out.undetermined.append(u)
                    if options.undeterminedFails {
                        out.findings.append(Blame.findingForUndetermined(c, u, asset: asset))
                    }
                case .error(let message):
                    applicableSeen.insert(def.id)
                    out.coverage.append(CoverageGap(kind: .evaluationError, subject: def.id,
                                                    message: "\(def.id) on \(asset.name): \(message)",
                                                    location: Blame.blockLocation(asset)))
                }
            }
        }
        for id in tallies.keys where !applicableSeen.contains(id) { tallies[id]?.notApplicable = true }
        out.tallies = tallies.values.sorted { $0.policyID < $1.policyID }
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
            switch applies.value(activation) {
            case .bool(false): return .notApplicable
            case .bool(true): break
            case .unknown(let u): return .undetermined(u.paths)
            case .error(let e): return .error("applies: \(e.message)")
            case let other: return .error("applies returned \(other.type.rawValue), not bool")
            }
        }
        let result = c.condition.evaluate(activation)
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
