import Assets
import CEL
import Foundation
import HCL

/// Scan-wide lookups shared by every asset's evaluation: parameters per environment, asset
/// views, the assets of each type per project, project views. Built lazily and cached, so
/// each is computed once per scan however many policies ask. One per `evaluate` call, used
/// from one thread.
final class EvaluationContext {
    let graph: AssetGraph
    let profile: Profile
    /// Project assets synthesized for projects that have assets but no project asset.
    let impliedProjects: [Asset]
    var preventDestroy: Set<String>?
    /// Top-level data keys policies read (`PolicyEngine.resourceKeys`).
    var resourceKeys: Set<String>?
    var resourceTrie: ResourceTrie?
    /// What other assets' views convert of their `resource`: the chains of the policies that
    /// call `assetsOfType`/`related` (only they can read a view).
    var viewTrie: ResourceTrie?
    private var paramsCache: [String: CELValue] = [:]
    private var viewCache: [String: CELValue] = [:]
    private var typeIndex: [String: [String: [Asset]]] = [:]
    private var listCache: [String: [String: CELValue]] = [:]
    private var projectCache: [String: CELValue] = [:]
    private var projectAssets: [String: Asset] = [:]

    static let projectType = "cloudresourcemanager.googleapis.com/Project"

    init(graph: AssetGraph, profile: Profile) {
        self.graph = graph
        self.profile = profile
        var known: [String: Asset] = [:]
        for p in graph.assets(ofType: EvaluationContext.projectType) {
            if let id = p.project { known[id] = p }
        }
        var implied: [String: Asset] = [:]
        // By index, reading only `assetType` and `project` of each asset (no copy of 100,000
        // assets on every scan); an asset is copied only for the first of each unknown project.
        graph.assets.withUnsafeBufferPointer { assets in
        for i in assets.indices where assets[i].assetType != EvaluationContext.projectType {
            guard let id = assets[i].project, !id.isEmpty, known[id] == nil, implied[id] == nil else { continue }
            let a = assets[i]
            let provenance: Provenance
            if let t = a.provenance.terraform {
                provenance = .terraform(TerraformProvenance(rootModule: t.rootModule, address: nil))
            } else {
                provenance = a.provenance
            }
            implied[id] = Asset(name: "//cloudresourcemanager.googleapis.com/projects/\(id)", assetType: EvaluationContext.projectType,
                                ancestors: ["projects/\(id)"] + a.ancestors.drop { !$0.hasPrefix("projects/") }.dropFirst(),
                                labels: a.labels.filter { $0.key == "environment" || $0.key == "env" }, provenance: provenance)
        }
        }
        self.impliedProjects = implied.values.sorted { $0.name < $1.name }
        for (id, p) in implied { known[id] = p }
        self.projectAssets = known
    }

    private init(sharing other: EvaluationContext) {
        graph = other.graph
        profile = other.profile
        impliedProjects = other.impliedProjects
        projectAssets = other.projectAssets
        preventDestroy = other.preventDestroy
        resourceKeys = other.resourceKeys
        resourceTrie = other.resourceTrie
        viewTrie = other.viewTrie
    }

    /// A context for another thread: the same graph, implied projects and settings, empty
    /// caches (they are not synchronized; each thread fills its own).
    func fresh() -> EvaluationContext { EvaluationContext(sharing: self) }

    private var missingCache: [String: [String]] = [:]
    /// Environment → member → allowed roles (nil: no allowlist names the member).
    private var allowlistCache: [String: [String: CELValue?]] = [:]
    private var patternCache: [String: NSRegularExpression?] = [:]

    /// The roles the profile's `serviceAccountAllowlists` (for `environment`) allow `member`:
    /// the union over every allowlist whose `accountPattern` matches the member's account id;
    /// nil when none does. Cached per member: computed once per scan, not per binding.
    func allowlistedRoles(_ member: String, environment: String) -> CELValue? {
        if let v = allowlistCache[environment]?[member] { return v }
        let id = Blame.accountID(member)
        var roles: [CELValue] = []
        var matched = false
        if !id.isEmpty {
            for l in profile.parameters(for: environment)["serviceAccountAllowlists"]?.elements ?? [] {
                guard let pattern = l["accountPattern"]?.stringValue else { continue }
                let re: NSRegularExpression?
                if let cached = patternCache[pattern] { re = cached } else {
                    re = try? NSRegularExpression(pattern: pattern)
                    patternCache[pattern] = re
                }
                guard let re, re.firstMatch(in: id, range: NSRange(id.startIndex..., in: id)) != nil else { continue }
                matched = true
                roles += (l["roles"]?.elements ?? []).compactMap { $0.stringValue.map(CELValue.string) }
            }
        }
        let v: CELValue? = matched ? .list(roles) : nil
        allowlistCache[environment, default: [:]][member] = .some(v)
        return v
    }

    /// Parameters `c` needs that the profile lacks in `environment` (cached: checked per asset).
    func missingParameters(_ c: CompiledPolicy, environment: String, pack: PolicyPack) -> [String] {
        if c.definition.params.isEmpty { return [] }
        let key = c.definition.id + "\u{1F}" + environment
        if let m = missingCache[key] { return m }
        let m = pack.missingParameters(c.definition, profile: profile, environment: environment)
        missingCache[key] = m
        return m
    }

    func params(_ environment: String) -> CELValue {
        if let v = paramsCache[environment] { return v }
        let v = CELValue.map(CELMap(profile.parameters(for: environment).mapValues(CELBridge.cel)))
        paramsCache[environment] = v
        return v
    }

    static func iamValue(_ p: IAMPolicy?) -> Value {
        var m = p?.value.attributes ?? [:]
        if m["bindings"] == nil { m["bindings"] = .tuple([]) }
        if m["auditConfigs"] == nil { m["auditConfigs"] = .tuple([]) }
        return .object(m)
    }

    /// `{name, assetType, labels, location, resource, iamPolicy}` of another asset.
    func view(_ a: Asset) -> CELValue {
        let key = a.assetType + " " + a.name
        if let v = viewCache[key] { return v }
        let v = CELValue.object([
            ("name", .string(a.name)), ("assetType", .string(a.assetType)),
            ("labels", .map(CELMap(a.labels.mapValues { CELValue.string($0) }))),
            ("location", .string(a.resource?.location ?? "")), ("resource", CELBridge.cel(a.data, trie: viewTrie)),
            ("iamPolicy", CELBridge.cel(EvaluationContext.iamValue(a.iamPolicy))),
        ])
        viewCache[key] = v
        return v
    }

    /// The views of the assets of `type` in `project`. Grouped per type on first use (only
    /// the types some policy asks for, without copying the whole asset list); cached per
    /// type and project.
    func assets(ofType type: String, project: String) -> CELValue {
        if let v = listCache[type]?[project] { return v }
        if typeIndex[type] == nil {
            var byProject: [String: [Asset]] = [:]
            for a in graph.assets(ofType: type) { byProject[a.project ?? "", default: []].append(a) }
            for a in impliedProjects where a.assetType == type { byProject[a.project ?? "", default: []].append(a) }
            typeIndex[type] = byProject
        }
        let v = CELValue.list((typeIndex[type]?[project] ?? []).map(view))
        listCache[type, default: [:]][project] = v
        return v
    }

    func projectAsset(_ id: String) -> Asset? { projectAssets[id] }

    func projectView(_ id: String) -> CELValue {
        if let v = projectCache[id] { return v }
        let p = projectAssets[id]
        let v = CELValue.object([
            ("id", .string(id)), ("name", .string(p?.name ?? "//cloudresourcemanager.googleapis.com/projects/\(id)")),
            ("labels", .map(CELMap((p?.labels ?? [:]).mapValues { CELValue.string($0) }))),
            ("resource", CELBridge.cel(p?.data ?? .object([:]))),
            ("iamPolicy", CELBridge.cel(EvaluationContext.iamValue(p?.iamPolicy))),
        ])
        projectCache[id] = v
        return v
    }

    /// Assets the edges of `kind` lead to (docs/policy-language.md, `related`).
    func related(_ asset: Asset, kind: String) -> [Asset] {
        func targets(_ kinds: [AssetEdge.Kind], type: String?) -> [Asset] {
            var out: [Asset] = []
            var seen: Set<String> = []
            for k in kinds {
                for e in graph.edges(from: asset.name, kind: k) {
                    guard let t = graph.asset(named: e.to), type == nil || t.assetType == type, seen.insert(t.name).inserted else { continue }
                    out.append(t)
                }
            }
            return out
        }
        switch kind {
        case "serviceAccount":
            var r = targets([.runsAs], type: "iam.googleapis.com/ServiceAccount")
            if r.isEmpty {
                let d = asset.data
                for path in [["template", "serviceAccount"], ["spec", "template", "spec", "serviceAccountName"],
                             ["template", "template", "serviceAccount"]] {
                    if let email = d[path: path]?.stringValue, let sa = graph.serviceAccount(email: email) { r.append(sa) }
                }
            }
            return r
        case "network": return targets([.attachment, .reference], type: "compute.googleapis.com/Network")
        case "connector": return targets([.attachment, .reference], type: "vpcaccess.googleapis.com/Connector")
        case "kmsKey": return targets([.attachment, .reference], type: "cloudkms.googleapis.com/CryptoKey")
        default:
            guard let k = AssetEdge.Kind(rawValue: kind) else { return [] }
            return targets([k], type: nil)
        }
    }
}

/// What fills one slot of the engine's shared variable layout.
enum VariableKind: Sendable {
    case resource, iamPolicy, params, environment, asset, terraform, project, accountIDs, allowlist
    case graph(GraphCalls.Call)
    /// A name no variable stands for: undefined (CEL reports it).
    case undefined
}

/// The CEL variables of one asset (docs/policy-language.md, "CEL variables") in the slots of
/// the engine's shared `CELVariables` layout. One instance serves the whole scan: `reset`
/// moves it to the next asset, `prepare` builds the slots a program reads on first use, so an
/// asset's variables are built once for all its policies and only if some policy reads them.
final class AssetActivation: CELActivation {
    private(set) var asset: Asset!
    private(set) var environment: String
    let context: EvaluationContext
    private(set) var projectID: String
    /// Which parts of `resource.data` to convert (the asset type's policies' member chains).
    private var trie: ResourceTrie?
    let kinds: [VariableKind]
    /// The slot values; a slot is valid for the current asset only when `filled` says so.
    private(set) var slots: CELSlotActivation
    private var filled: [Bool]

    init(layout: CELVariables, kinds: [VariableKind], context: EvaluationContext) {
        self.context = context
        self.kinds = kinds
        self.slots = CELSlotActivation(layout, Array(repeating: nil, count: layout.names.count))
        self.filled = Array(repeating: false, count: layout.names.count)
        self.environment = ""
        self.projectID = ""
    }

    /// Moves to the next asset: every slot is stale until prepared again.
    func reset(asset: Asset, environment: String, trie: ResourceTrie?) {
        self.asset = asset
        self.environment = environment
        self.projectID = asset.project ?? ""
        self.trie = trie
        for i in filled.indices where filled[i] {
            filled[i] = false
            slots.values[i] = nil
        }
    }

    /// Builds the slots `needed` that are not built yet for this asset.
    @inline(__always)
    func prepare(_ needed: [Int]) {
        for i in needed where !filled[i] { fill(i) }
    }

    private func fill(_ i: Int) {
        filled[i] = true
        slots.values[i] = build(kinds[i])
    }

    /// By name (for programs not compiled against the shared layout, e.g. `violations` read
    /// through this protocol): the same values as the slots.
    func value(of name: String) -> CELValue? {
        guard let i = slots.variables.slot(of: name) else { return nil }
        if !filled[i] { fill(i) }
        return slots.values[i]
    }

    private func slotValue(_ name: String) -> CELValue? { value(of: name) }

    private func build(_ kind: VariableKind) -> CELValue? {
        let v: CELValue?
        switch kind {
        case .resource:
            v = CELBridge.cel(asset.data, trie: trie)
        case .iamPolicy:
            v = CELBridge.cel(EvaluationContext.iamValue(asset.iamPolicy))
        case .params:
            v = context.params(environment)
        case .environment:
            v = .string(environment)
        case .project:
            v = context.projectView(projectID)
        case .undefined:
            v = nil
        case .asset:
            v = .object([
                ("name", .string(asset.name)), ("assetType", .string(asset.assetType)),
                ("ancestors", .list(asset.ancestors.map { .string($0) })),
                ("labels", .map(CELMap(asset.labels.mapValues { CELValue.string($0) }))),
                ("project", .string(projectID)), ("location", .string(asset.resource?.location ?? "")),
                ("iamPolicy", slotValue("iamPolicy") ?? CELBridge.cel(EvaluationContext.iamValue(asset.iamPolicy))),
            ])
        case .terraform:
            if let t = asset.terraform {
                let tp = asset.provenance.terraform
                v = .object([
                    ("address", .string(t.address)), ("type", .string(t.type)),
                    ("name", .string(Blame.resourceName(t.address))),
                    ("module", .string(Blame.modulePath(t.address))), ("rootModule", .string(tp?.rootModule ?? "")),
                    ("values", CELBridge.cel(t.values)),
                    // The asset model does not carry `lifecycle.prevent_destroy`; the scan passes
                    // it from the resource instances. Without that: unknown, so a policy that
                    // needs it is undetermined rather than wrong.
                    ("preventDestroy", context.preventDestroy.map {
                        .bool($0.contains(PolicyEngine.resourceKey(rootModule: tp?.rootModule ?? "", address: t.address)))
                    } ?? .unknownField),
                ])
            } else {
                v = .null
            }
        case .allowlist:
            var m: [String: CELValue] = [:]
            let project = context.projectAsset(projectID)
            for p in [asset.iamPolicy, project?.iamPolicy] {
                for b in p?.bindings ?? [] {
                    for member in b.members where m[member] == nil {
                        if let roles = context.allowlistedRoles(member, environment: environment) { m[member] = roles }
                    }
                }
            }
            v = .map(CELMap(m.map { (CELValue.string($0.key), $0.value) }))
        case .accountIDs:
            var m: [String: CELValue] = [:]
            let project = context.projectAsset(projectID)
            for p in [asset.iamPolicy, project?.iamPolicy] {
                for b in p?.bindings ?? [] { for member in b.members { m[member] = .string(Blame.accountID(member)) } }
            }
            v = .map(CELMap(m))
        case .graph(.assetsOfType(let t)):
            v = context.assets(ofType: t, project: projectID)
        case .graph(.related(let k)):
            v = .list(context.related(asset, kind: k).map(context.view))
        }
        return v
    }
}
