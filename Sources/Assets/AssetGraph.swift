import HCL

/// A relation between two assets (or between an IAM member and an asset). Endpoints are CAI
/// full names; an endpoint that is not loaded (a user, a project outside the scan) still
/// appears, so policies can reason about it.
public struct AssetEdge: Hashable, Sendable, Comparable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A Terraform reference between the resources that built the two assets.
        case reference
        /// A resource attached to infrastructure: SQL/Redis/connector/instance → network,
        /// subnetwork → network, Cloud Run → connector, router → network.
        case attachment
        /// A workload running as a service account (Cloud Run, Compute instance).
        case runsAs = "runs-as"
        /// An IAM member granted a role on an asset: from the member to the asset.
        case iamGrant = "iam-grant"
        /// Child → its project, folder or organization.
        case ancestry
    }

    public var from: String
    public var to: String
    public var kind: Kind
    /// What made the edge: the field path (`settings.ipConfiguration.privateNetwork`), the role
    /// of an IAM grant, or the Terraform address referenced.
    public var label: String

    public init(from: String, to: String, kind: Kind, label: String) {
        self.from = from
        self.to = to
        self.kind = kind
        self.label = label
    }

    public static func < (a: AssetEdge, b: AssetEdge) -> Bool {
        (a.from, a.to, a.kind.rawValue, a.label) < (b.from, b.to, b.kind.rawValue, b.label)
    }
}

/// The normalized asset graph every input feeds: assets by name and type, and the edges
/// between them. Immutable once built; lookups are dictionary reads.
public struct AssetGraph: Sendable {
    /// Assets sorted by (name, type).
    public let assets: [Asset]
    /// Edges grouped by the asset that implies them (in asset order), sorted within a group, without duplicates.
    public let edges: [AssetEdge]

    /// First asset (in sorted order) of each name; assets of one name are adjacent.
    private let byName: [String: Int]
    private let byType: [String: [Int]]
    /// Edges by endpoint as chains: the first edge of each name, then `next…[edge]` (−1 ends),
    /// instead of an array per name (100,000 small arrays on a large export).
    private let outgoingHead: [String: Int32]
    private let outgoingNext: [Int32]
    private let incomingHead: [String: Int32]
    private let incomingNext: [Int32]
    private let serviceAccountsByEmail: [String: Int]

    /// Builds the graph. Assets with the same (type, name) must already be merged
    /// (`AssetCollection` does that); if not, the first one wins.
    ///
    /// The array is taken over: pass it as the last use (`AssetGraph(assets: result.takeAssets())`)
    /// and it is sorted in place — no `Asset` is copied (a copy retains a dozen fields, and two
    /// copies of 100,000 assets alive at once raised the peak memory of a large load).
    public init(assets input: consuming [Asset]) {
        var list = input
        // Sort positions rather than assets (cheap moves), ties by position so the first of
        // duplicate keys comes first and is kept. Comparing fields in place: copying two
        // `Asset`s per comparison was most of the sort's time.
        var order = [Int32](unsafeUninitializedCapacity: list.count) { buf, n in
            for k in 0..<buf.count { buf[k] = Int32(truncatingIfNeeded: k) }
            n = buf.count
        }
        list.withUnsafeBufferPointer { buf in
            let assets = SendablePointer(buf.baseAddress!)
            Self.sort(&order) { i, j in
                let a = Int(i), b = Int(j)
                let x = assets.pointer + a, y = assets.pointer + b
                if x.pointee.name != y.pointee.name { return x.pointee.name < y.pointee.name }
                if x.pointee.assetType != y.pointee.assetType { return x.pointee.assetType < y.pointee.assetType }
                return i < j
            }
        }
        Self.permute(&list, by: &order)
        // Duplicate keys are adjacent now; they are rare (the collection merges them), so only
        // then is the array rebuilt.
        if list.count > 1, (1..<list.count).contains(where: { list[$0].name == list[$0 - 1].name && list[$0].assetType == list[$0 - 1].assetType }) {
            var kept: [Asset] = []
            kept.reserveCapacity(list.count)
            for k in list.indices where k == 0 || list[k].name != list[k - 1].name || list[k].assetType != list[k - 1].assetType {
                kept.append(list[k])
            }
            list = kept
        }
        self.assets = list

        // What edge extraction needs first: Terraform addresses and service accounts (few).
        var byAddress: [String: String] = [:]
        var saByEmail: [String: Int] = [:]
        // Through the buffer: `for a in list` and `list[i].field` chains copied whole assets.
        list.withUnsafeBufferPointer { buf in
            for i in buf.indices {
                if case .terraform(let t) = buf[i].provenance, let addr = t.address { byAddress[addr] = buf[i].name }
                if let address = buf[i].terraform?.address { byAddress[address] = byAddress[address] ?? buf[i].name }
                if buf[i].assetType == "iam.googleapis.com/ServiceAccount", let email = buf[i].resource?.data["email"]?.stringValue {
                    saByEmail[email] = i
                }
            }
        }
        self.serviceAccountsByEmail = saByEmail

        // Then, side by side: the name and type indexes (one task) and the edges (contiguous
        // runs of assets, one task each). Edges come out in asset order, each asset's edges
        // sorted: deterministic without sorting the whole edge list (a global sort was most of
        // the graph's build time on large exports), and the same whatever the number of cores.
        let frozen = list
        let edgeTasks = ParallelRanges.workers(for: frozen.count, minimum: 4096)
        let parts = frozen.withUnsafeBufferPointer { buf in
            let assets = SendablePointer(buf.baseAddress ?? UnsafePointer(bitPattern: 8)!)
            return ParallelRanges.tasks(edgeTasks + 1) { t -> GraphBuildPart in
                if t == edgeTasks { return .indexes(Self.indexes(UnsafeBufferPointer(start: assets.pointer, count: buf.count))) }
                var out: [AssetEdge] = []
                let range = ParallelRanges.range(t, of: edgeTasks, count: buf.count)
                out.reserveCapacity(range.count * 2)
                var local: [AssetEdge] = []
                var extractor = EdgeExtractor(byAddress: byAddress, serviceAccountsByEmail: saByEmail, assets: frozen)
                // Edges whose source is not the asset itself (IAM members): extra keys of `outgoingHead`.
                var memberSources = 0
                for i in range {
                    local.removeAll(keepingCapacity: true)
                    extractor.edges(of: assets.pointer + i, into: &local)
                    if local.count > 1 {
                        local.sort()
                        var previous: AssetEdge?
                        for e in local where e != previous {
                            if e.kind == .iamGrant { memberSources += 1 }
                            out.append(e)
                            previous = e
                        }
                    } else if let e = local.first {
                        if e.kind == .iamGrant { memberSources += 1 }
                        out.append(e)
                    }
                }
                return .edges(out, memberSources: memberSources)
            }
        }
        var sorted: [AssetEdge] = []
        var memberSources = 0
        var indexes: (byName: [String: Int], byType: [String: [Int]]) = ([:], [:])
        for part in parts {
            switch part {
            case .indexes(let built):
                indexes = built
            case .edges(let edges, let members):
                if sorted.isEmpty { sorted.reserveCapacity(edges.count * edgeTasks) }
                sorted.append(contentsOf: edges)
                memberSources += members
            }
        }
        self.byName = indexes.byName
        self.byType = indexes.byType
        self.edges = sorted
        // The outgoing and incoming chains are independent: built side by side.
        let edgeList = sorted
        let count = list.count
        let chains = ParallelRanges.tasks(2) { k -> (head: [String: Int32], next: [Int32]) in
            var head: [String: Int32] = [:]
            head.reserveCapacity(k == 0 ? count + memberSources : count)
            var next = [Int32](repeating: -1, count: edgeList.count)
            // Backwards, so each chain lists its edges in edge order.
            edgeList.withUnsafeBufferPointer { e in
                for i in e.indices.reversed() {
                    next[i] = head.updateValue(Int32(i), forKey: k == 0 ? e[i].from : e[i].to) ?? -1
                }
            }
            return (head, next)
        }
        self.outgoingHead = chains[0].head
        self.outgoingNext = chains[0].next
        self.incomingHead = chains[1].head
        self.incomingNext = chains[1].next
    }

    /// The name index (first position of each name) and the positions of each type.
    private static func indexes(_ buf: UnsafeBufferPointer<Asset>) -> (byName: [String: Int], byType: [String: [Int]]) {
        var byName: [String: Int] = [:]
        byName.reserveCapacity(buf.count)
        var typeSlots: [String: Int] = [:]
        var typeLists: [[Int]] = []
        var recentTypes: [String] = [], recentSlots: [Int] = []
        for i in buf.indices {
            // Sorted: the first of a name is where the name changes (one hash per name).
            if i == 0 || buf[i - 1].name != buf[i].name { byName[buf[i].name] = i }
            // A graph has few types: find the type's list by a short scan of the first
            // sixteen seen (equal strings from the loader share storage, so == is a pointer check)
            // before hashing it.
            let type = buf[i].assetType
            if let k = recentTypes.firstIndex(where: { $0 == type }) {
                typeLists[recentSlots[k]].append(i)
            } else {
                let slot: Int
                if let found = typeSlots[type] {
                    slot = found
                } else {
                    slot = typeLists.count
                    typeSlots[type] = slot
                    typeLists.append([])
                }
                typeLists[slot].append(i)
                if recentTypes.count < 16 {
                    recentTypes.append(type)
                    recentSlots.append(slot)
                }
            }
        }
        return (byName, typeSlots.mapValues { typeLists[$0] })
    }

    /// Sorts `order` by `less` (a strict total order, so the result is unique): runs sorted on
    /// every core, then merged pairwise.
    private static func sort(_ order: inout [Int32], by less: @escaping @Sendable (Int32, Int32) -> Bool) {
        let n = order.count
        // Inputs often arrive sorted already (an export of one project, a graph rebuilt from
        // a graph's assets): one pass instead of n log n comparisons of long names.
        if n < 2 || (1..<n).allSatisfy({ less(order[$0 - 1], order[$0]) }) { return }
        let workers = ParallelRanges.workers(for: n, minimum: 8192)
        if workers == 1 {
            order.sort(by: less)
            return
        }
        var runs = order.withUnsafeMutableBufferPointer { buf in
            let base = SendablePointer(buf.baseAddress!)
            return ParallelRanges.map(count: n, minimum: 8192) { _, range in
                var run = UnsafeMutableBufferPointer(start: base.pointer + range.lowerBound, count: range.count)
                run.sort(by: less)
                return range
            }
        }
        var scratch = [Int32](repeating: 0, count: n)
        while runs.count > 1 {
            var merged: [Range<Int>] = []
            var k = 0
            while k < runs.count {
                guard k + 1 < runs.count else { merged.append(runs[k]); break }
                let a = runs[k], b = runs[k + 1]
                var i = a.lowerBound, j = b.lowerBound, o = a.lowerBound
                while i < a.upperBound, j < b.upperBound {
                    if less(order[j], order[i]) { scratch[o] = order[j]; j += 1 } else { scratch[o] = order[i]; i += 1 }
                    o += 1
                }
                while i < a.upperBound { scratch[o] = order[i]; i += 1; o += 1 }
                while j < b.upperBound { scratch[o] = order[j]; j += 1; o += 1 }
                for m in a.lowerBound..<b.upperBound { order[m] = scratch[m] }
                merged.append(a.lowerBound..<b.upperBound)
                k += 2
            }
            runs = merged
        }
    }

    /// Rearranges `list` so that `list[k]` becomes the element at `order[k]`, by following
    /// the permutation's cycles with swaps (moves, no copies); `order` is consumed.
    private static func permute(_ list: inout [Asset], by order: inout [Int32]) {
        list.withUnsafeMutableBufferPointer { a in
            for start in 0..<a.count where order[start] >= 0 {
                var k = start
                while true {
                    let next = Int(order[k])
                    order[k] = -1
                    if next == start { break }
                    a.swapAt(k, next)
                    k = next
                }
            }
        }
    }

    public func asset(named name: String) -> Asset? {
        byName[name].map { assets[$0] }
    }

    public func asset(_ key: AssetKey) -> Asset? {
        guard var i = byName[key.name] else { return nil }
        while i < assets.count, assets[i].name == key.name {
            if assets[i].assetType == key.assetType { return assets[i] }
            i += 1
        }
        return nil
    }

    public func assets(ofType type: String) -> [Asset] {
        (byType[type] ?? []).map { assets[$0] }
    }

    public func serviceAccount(email: String) -> Asset? {
        serviceAccountsByEmail[email].map { assets[$0] }
    }

    private func chain(_ head: Int32?, _ next: [Int32], _ kind: AssetEdge.Kind?) -> [AssetEdge] {
        var out: [AssetEdge] = []
        var i = head ?? -1
        while i >= 0 {
            if kind == nil || edges[Int(i)].kind == kind { out.append(edges[Int(i)]) }
            i = next[Int(i)]
        }
        return out
    }

    /// Edges leaving `name`, optionally of one kind.
    public func edges(from name: String, kind: AssetEdge.Kind? = nil) -> [AssetEdge] {
        chain(outgoingHead[name], outgoingNext, kind)
    }

    /// Edges arriving at `name`, optionally of one kind.
    public func edges(to name: String, kind: AssetEdge.Kind? = nil) -> [AssetEdge] {
        chain(incomingHead[name], incomingNext, kind)
    }

    /// Assets `name` points at through edges of `kind` (only those loaded in the graph).
    public func neighbours(of name: String, kind: AssetEdge.Kind) -> [Asset] {
        edges(from: name, kind: kind).compactMap { asset(named: $0.to) }
    }

    /// The project asset an asset belongs to, if loaded.
    public func project(of asset: Asset) -> Asset? {
        guard let p = asset.ancestors.first(where: { $0.hasPrefix("projects/") }) else { return nil }
        return self.asset(named: AssetName.container(p))
    }
}

/// Finds the edges one asset implies, from its data and provenance.
struct EdgeExtractor {
    let byAddress: [String: String]
    let serviceAccountsByEmail: [String: Int]
    let assets: [Asset]
    /// Container full names by relative name (`projects/p` → `//cloudresourcemanager…/projects/p`),
    /// built once per container instead of once per asset.
    var containers: [String: String] = [:]

    init(byAddress: [String: String], serviceAccountsByEmail: [String: Int], assets: [Asset]) {
        self.byAddress = byAddress
        self.serviceAccountsByEmail = serviceAccountsByEmail
        self.assets = assets
    }

    mutating func edges(of a: Asset, into edges: inout [AssetEdge]) {
        withUnsafePointer(to: a) { self.edges(of: $0, into: &edges) }
    }

    /// Through a pointer into the graph's array: the fields are read in place (passing the
    /// `Asset` by value copied it, a dozen retains, for every asset of a large graph).
    mutating func edges(of asset: UnsafePointer<Asset>, into edges: inout [AssetEdge]) {
        let name = asset.pointee.name, assetType = asset.pointee.assetType
        let d = asset.pointee.resource?.data ?? .object([:])
        // Only assets with attachments need their project and region.
        lazy var project = asset.pointee.project
        lazy var region = d["region"]?.stringValue.map(AssetName.lastSegment)
            ?? AssetName.component(after: "locations", in: name) ?? AssetName.component(after: "regions", in: name)

        func attach(_ ref: Value?, _ label: String, _ resolve: (String) -> String?) {
            guard let s = ref?.stringValue, !s.isEmpty, let target = resolve(s) else { return }
            edges.append(AssetEdge(from: name, to: target, kind: .attachment, label: label))
        }
        func network(_ s: String) -> String? { AssetName.network(s, project: project) }
        func subnet(_ s: String) -> String? { AssetName.subnetwork(s, project: project, region: region) }
        func connector(_ s: String) -> String? { AssetName.connector(s, project: project, region: region) }
        func runsAs(_ ref: Value?, _ label: String) {
            guard let email = ref?.stringValue, !email.isEmpty, email != "default" else { return }
            let target: String
            if let i = serviceAccountsByEmail[email] {
                target = assets[i].name
            } else if email.hasPrefix("//") {
                target = email
            } else {
                // Not loaded: name it as CAI would, by email under its own project.
                let p = email.split(separator: "@").last.flatMap { $0.split(separator: ".").first }.map(String.init) ?? project ?? "-"
                target = "//iam.googleapis.com/projects/\(p)/serviceAccounts/\(email)"
            }
            edges.append(AssetEdge(from: name, to: target, kind: .runsAs, label: label))
        }

        switch assetType {
        case "sqladmin.googleapis.com/Instance":
            attach(d[path: ["settings", "ipConfiguration", "privateNetwork"]], "settings.ipConfiguration.privateNetwork", network)
        case "redis.googleapis.com/Instance":
            attach(d["authorizedNetwork"], "authorizedNetwork", network)
        case "compute.googleapis.com/Subnetwork", "compute.googleapis.com/Firewall", "compute.googleapis.com/GlobalAddress",
            "compute.googleapis.com/Router":
            attach(d["network"], "network", network)
        case "vpcaccess.googleapis.com/Connector":
            attach(d["network"], "network", network)
            attach(d[path: ["subnet", "name"]], "subnet.name", subnet)
        case "servicenetworking.googleapis.com/Connection":
            attach(d["network"], "network", network)
        case "compute.googleapis.com/Instance":
            for (i, ni) in (d["networkInterfaces"]?.elements ?? []).enumerated() {
                attach(ni["network"], "networkInterfaces.\(i).network", network)
                attach(ni["subnetwork"], "networkInterfaces.\(i).subnetwork", subnet)
            }
            for (i, sa) in (d["serviceAccounts"]?.elements ?? []).enumerated() {
                runsAs(sa["email"], "serviceAccounts.\(i).email")
            }
        case "run.googleapis.com/Service", "run.googleapis.com/Job":
            // v2 shape: template.{serviceAccount, vpcAccess}; jobs nest one more template.
            for (prefix, t) in [("template", d["template"]), ("template.template", d[path: ["template", "template"]])] {
                guard let t else { continue }
                runsAs(t["serviceAccount"], "\(prefix).serviceAccount")
                attach(t[path: ["vpcAccess", "connector"]], "\(prefix).vpcAccess.connector", connector)
                for (i, ni) in (t[path: ["vpcAccess", "networkInterfaces"]]?.elements ?? []).enumerated() {
                    attach(ni["network"], "\(prefix).vpcAccess.networkInterfaces.\(i).network", network)
                    attach(ni["subnetwork"], "\(prefix).vpcAccess.networkInterfaces.\(i).subnetwork", subnet)
                }
            }
            // v1 (Knative) shape.
            if let t = d[path: ["spec", "template"]] {
                runsAs(t[path: ["spec", "serviceAccountName"]], "spec.template.spec.serviceAccountName")
                attach(t[path: ["metadata", "annotations", "run.googleapis.com/vpc-access-connector"]],
                       "spec.template.metadata.annotations.run.googleapis.com/vpc-access-connector", connector)
            }
        default:
            break
        }

        // IAM grants: member → asset. Service-account members point from the account's asset.
        for b in asset.pointee.iamPolicy?.bindings ?? [] {
            for m in b.members {
                var from = m
                if m.hasPrefix("serviceAccount:") {
                    let email = String(m.dropFirst("serviceAccount:".count))
                    if let i = serviceAccountsByEmail[email] { from = assets[i].name }
                }
                edges.append(AssetEdge(from: from, to: name, kind: .iamGrant, label: b.role))
            }
        }

        // Ancestry: to the nearest container (a project's own entry in ancestors is itself).
        let own = assetType == "cloudresourcemanager.googleapis.com/Project"
            || assetType == "cloudresourcemanager.googleapis.com/Folder"
            || assetType == "cloudresourcemanager.googleapis.com/Organization"
        let ancestors = asset.pointee.ancestors
        if let p = ancestors.dropFirst(own ? 1 : 0).first, p != "organizations/unknown" {
            let target: String
            if let t = containers[p] {
                target = t
            } else {
                target = AssetName.container(p)
                containers[p] = target
            }
            if target != name { edges.append(AssetEdge(from: name, to: target, kind: .ancestry, label: p)) }
        }

        // Terraform references between the resources that built assets.
        if let tv = asset.pointee.terraform {
            for dep in tv.dependencies {
                if let target = byAddress[dep], target != name {
                    edges.append(AssetEdge(from: name, to: target, kind: .reference, label: dep))
                }
            }
            _ = tv
        }
    }
}

/// What one task of the graph's build produced.
private enum GraphBuildPart {
    case indexes((byName: [String: Int], byType: [String: [Int]]))
    case edges([AssetEdge], memberSources: Int)
}

/// A pointer handed to the workers of `ParallelRanges`, which only read through it (or write
/// disjoint parts).
struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutablePointer<T>) { pointer = p }
    init(_ p: UnsafePointer<T>) { pointer = UnsafeMutablePointer(mutating: p) }
}
