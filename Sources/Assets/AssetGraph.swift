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
    /// Edges sorted, without duplicates.
    public let edges: [AssetEdge]

    private let byName: [String: [Int]]
    private let byType: [String: [Int]]
    private let outgoing: [String: [Int]]
    private let incoming: [String: [Int]]
    private let serviceAccountsByEmail: [String: Int]

    /// Builds the graph. Assets with the same (type, name) must already be merged
    /// (`AssetCollection` does that); if not, the first one wins.
    public init(assets: [Asset]) {
        var seen = Set<AssetKey>()
        var list: [Asset] = []
        list.reserveCapacity(assets.count)
        for a in assets where seen.insert(a.key).inserted { list.append(a) }
        list.sort { $0.key < $1.key }
        self.assets = list

        var byName: [String: [Int]] = [:]
        var byType: [String: [Int]] = [:]
        var byAddress: [String: String] = [:]
        var saByEmail: [String: Int] = [:]
        for (i, a) in list.enumerated() {
            byName[a.name, default: []].append(i)
            byType[a.assetType, default: []].append(i)
            if let t = a.provenance.terraform {
                if let addr = t.address { byAddress[addr] = a.name }
            }
            if let tv = a.terraform { byAddress[tv.address] = byAddress[tv.address] ?? a.name }
            if a.assetType == "iam.googleapis.com/ServiceAccount", let email = a.data["email"]?.stringValue {
                saByEmail[email] = i
            }
        }
        self.byName = byName
        self.byType = byType
        self.serviceAccountsByEmail = saByEmail

        var edges = Set<AssetEdge>()
        for a in list {
            EdgeExtractor.edges(of: a, byAddress: byAddress, serviceAccountsByEmail: saByEmail, assets: list, into: &edges)
        }
        let sorted = edges.sorted()
        self.edges = sorted
        var out: [String: [Int]] = [:]
        var inc: [String: [Int]] = [:]
        for (i, e) in sorted.enumerated() {
            out[e.from, default: []].append(i)
            inc[e.to, default: []].append(i)
        }
        self.outgoing = out
        self.incoming = inc
    }

    public func asset(named name: String) -> Asset? {
        byName[name]?.first.map { assets[$0] }
    }

    public func asset(_ key: AssetKey) -> Asset? {
        byName[key.name]?.lazy.map { self.assets[$0] }.first { $0.assetType == key.assetType }
    }

    public func assets(ofType type: String) -> [Asset] {
        (byType[type] ?? []).map { assets[$0] }
    }

    public func serviceAccount(email: String) -> Asset? {
        serviceAccountsByEmail[email].map { assets[$0] }
    }

    /// Edges leaving `name`, optionally of one kind.
    public func edges(from name: String, kind: AssetEdge.Kind? = nil) -> [AssetEdge] {
        (outgoing[name] ?? []).map { edges[$0] }.filter { kind == nil || $0.kind == kind }
    }

    /// Edges arriving at `name`, optionally of one kind.
    public func edges(to name: String, kind: AssetEdge.Kind? = nil) -> [AssetEdge] {
        (incoming[name] ?? []).map { edges[$0] }.filter { kind == nil || $0.kind == kind }
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
enum EdgeExtractor {
    static func edges(
        of a: Asset, byAddress: [String: String], serviceAccountsByEmail: [String: Int], assets: [Asset],
        into edges: inout Set<AssetEdge>
    ) {
        let d = a.data
        let project = a.project
        let region = a.data["region"]?.stringValue.map(AssetName.lastSegment)
            ?? AssetName.component(after: "locations", in: a.name) ?? AssetName.component(after: "regions", in: a.name)

        func attach(_ ref: Value?, _ label: String, _ resolve: (String) -> String?) {
            guard let s = ref?.stringValue, !s.isEmpty, let target = resolve(s) else { return }
            edges.insert(AssetEdge(from: a.name, to: target, kind: .attachment, label: label))
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
            edges.insert(AssetEdge(from: a.name, to: target, kind: .runsAs, label: label))
        }

        switch a.assetType {
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
        for b in a.iamPolicy?.bindings ?? [] {
            for m in b.members {
                var from = m
                if m.hasPrefix("serviceAccount:") {
                    let email = String(m.dropFirst("serviceAccount:".count))
                    if let i = serviceAccountsByEmail[email] { from = assets[i].name }
                }
                edges.insert(AssetEdge(from: from, to: a.name, kind: .iamGrant, label: b.role))
            }
        }

        // Ancestry: to the nearest container (a project's own entry in ancestors is itself).
        let own = a.assetType == "cloudresourcemanager.googleapis.com/Project"
            || a.assetType == "cloudresourcemanager.googleapis.com/Folder"
            || a.assetType == "cloudresourcemanager.googleapis.com/Organization"
        let parents = own ? Array(a.ancestors.dropFirst()) : a.ancestors
        if let p = parents.first, p != "organizations/unknown" {
            let target = AssetName.container(p)
            if target != a.name { edges.insert(AssetEdge(from: a.name, to: target, kind: .ancestry, label: p)) }
        }

        // Terraform references between the resources that built assets.
        if let tv = a.terraform {
            for dep in a.terraformDependencies {
                if let target = byAddress[dep], target != a.name {
                    edges.insert(AssetEdge(from: a.name, to: target, kind: .reference, label: dep))
                }
            }
            _ = tv
        }
    }
}
