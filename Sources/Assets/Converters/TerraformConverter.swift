import HCL
import Terraform

/// Converts Terraform resource instances into CAI assets, the way Google's tfplan2cai does
/// (see `../shared/corpus/tfcai/CONVENTIONS.md`), with deliberate differences documented in
/// `docs/conformance.md`: unknowns are kept, omitted security-relevant fields get the
/// provider default (provenance "default"), IAM conditions are kept, and the IAM resources
/// are folded after all resources regardless of address order.
public enum TerraformConverter {
    public struct Options: Sendable {
        /// The provider's default project when neither the resource nor its provider sets one.
        public var defaultProject: String?
        /// Known ancestry: a container (`projects/p`, `folders/1`) to its ancestors, nearest first,
        /// e.g. `["projects/foobar": ["folders/67890", "organizations/12345"]]`.
        public var ancestry: [String: [String]]

        public init(defaultProject: String? = nil, ancestry: [String: [String]] = [:]) {
            self.defaultProject = defaultProject
            self.ancestry = ancestry
        }
    }

    public struct Result: Sendable {
        /// Sorted by (name, type).
        public var assets: [Asset]
        public var diagnostics: [Diagnostic]
    }

    /// Terraform resource types with a dedicated converter (IAM resource types included).
    public static var supportedTypes: Set<String> {
        var s = Set(resourceConverters.keys)
        for p in IAMFolding.targets.keys {
            for suffix in ["_iam_member", "_iam_binding", "_iam_policy"] { s.insert(p + suffix) }
        }
        s.insert("google_project_iam_audit_config")
        return s
    }

    public static func convert(_ instances: [ResourceInstance], options: Options = Options()) -> Result {
        var state = ConversionState(options: options)
        let sorted = instances.sorted { $0.address < $1.address }
        var iam: [ResourceInstance] = []
        var fragments: [ResourceInstance] = []
        for inst in sorted {
            if inst.mode == .data {
                state.dataSources[inst.address] = inst
                continue
            }
            guard inst.type.hasPrefix("google_") else { continue }
            if IAMFolding.isIAM(inst.type) {
                iam.append(inst)
                continue
            }
            if inst.type == "google_compute_router_nat" {
                fragments.append(inst)
                continue
            }
            let r = TerraformResource(instance: inst, options: options)
            let converted: [ConvertedAsset]
            if let f = resourceConverters[inst.type] {
                converted = f(r)
            } else {
                converted = [GenericConverter.convert(r)]
            }
            for c in converted { state.add(c, from: r) }
        }
        for inst in fragments {
            let r = TerraformResource(instance: inst, options: options)
            for c in ComputeConverters.routerNAT(r) { state.add(c, from: r) }
        }
        for inst in iam {
            IAMFolding.fold(TerraformResource(instance: inst, options: options), into: &state)
        }
        let assets = state.assets.values.sorted { $0.key < $1.key }
        return Result(assets: assets, diagnostics: state.diagnostics)
    }

    static let resourceConverters: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = {
        var m: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [:]
        for table in [
            ResourceManagerConverters.all, StorageConverters.all, SQLConverters.all, RedisConverters.all,
            CloudRunConverters.all, IAMConverters.all, ComputeConverters.all, VPCAccessConverters.all,
            ServiceNetworkingConverters.all, SecretManagerConverters.all, KMSConverters.all,
            ArtifactRegistryConverters.all, LoggingConverters.all, MonitoringConverters.all,
        ] {
            m.merge(table) { a, _ in a }
        }
        return m
    }()
}

/// What a resource converter produces; the driver adds ancestry, parent and provenance.
struct ConvertedAsset {
    var name: String
    var assetType: String
    var discoveryName: String
    var discoveryDocumentURI: String = ""
    var version: String = "v1"
    var data: MappedData
    /// Where ancestry starts: `projects/p`, `folders/f` or `organizations/o`.
    var ancestryStart: String
    /// For a project: its folder or organization, whose known ancestry follows the project.
    var parentStart: String? = nil
    /// For containers (Project): the parent is the next ancestor, not the first.
    var isContainer = false
    var location: String?
    /// For fragments of another asset (a router NAT): the array field of the existing asset
    /// this asset's data is appended to.
    var appendTo: String? = nil
}

/// Mutable state of one conversion: assets by key, address index, diagnostics.
struct ConversionState {
    let options: TerraformConverter.Options
    var assets: [AssetKey: Asset] = [:]
    var byAddress: [String: [AssetKey]] = [:]
    var dataSources: [String: ResourceInstance] = [:]
    var diagnostics: [Diagnostic] = []

    init(options: TerraformConverter.Options) { self.options = options }

    func ancestors(from start: String) -> [String] {
        if let chain = options.ancestry[start] { return [start] + chain }
        for (k, chain) in options.ancestry.sorted(by: { $0.key < $1.key }) {
            if let i = chain.firstIndex(of: start) { return Array(chain[i...]) }
            _ = k
        }
        return [start]
    }

    mutating func add(_ c: ConvertedAsset, from r: TerraformResource) {
        if let field = c.appendTo {
            appendFragment(c, field: field, from: r)
            return
        }
        let chain = c.parentStart.map { [c.ancestryStart] + self.ancestors(from: $0) } ?? self.ancestors(from: c.ancestryStart)
        let parentIndex = c.isContainer ? 1 : 0
        let parent = chain.count > parentIndex ? AssetName.container(chain[parentIndex]) : ""
        var data = c.data.value
        // The provider converts configured values to its schema's types; so do we, for the
        // fields policies read.
        for p in AssetTypes.convertForSchema(&data, assetType: c.assetType) {
            diagnostics.append(.warning(
                "Inappropriate value for attribute",
                detail: "\(r.address): \(p.message); the field is treated as unknown",
                at: c.data.fields[p.path]?.range ?? r.instance.blockRange))
        }
        var secrets: [String: SourceRange?] = [:]
        if r.type == "google_secret_manager_secret_version", let s = r["secret_data"], s.isKnown, !s.isNull {
            // Known at plan time means written in the configuration or a tfvars file.
            secrets["secret_data"] = r.range(of: "secret_data")
        }
        let asset = Asset(
            name: c.name, assetType: c.assetType, ancestors: chain,
            resource: AssetResource(
                version: c.version, discoveryDocumentURI: c.discoveryDocumentURI, discoveryName: c.discoveryName,
                parent: parent, location: c.location, data: data),
            labels: Labels.of(data),
            provenance: .terraform(TerraformProvenance(
                rootModule: r.instance.rootModule, address: r.address, blockRange: r.instance.blockRange, fields: c.data.fields)),
            terraform: TerraformView(
                address: r.address, type: r.type, values: r.values, secretsInCode: secrets, dependencies: r.instance.dependencies)
        )
        if let existing = assets[asset.key] {
            if existing.resource == nil {
                // An IAM-only asset made earlier: keep its policy, take the resource.
                var merged = asset
                merged.iamPolicy = existing.iamPolicy
                if var t = merged.provenance.terraform, let e = existing.provenance.terraform {
                    t.iamContributions = e.iamContributions
                    merged.provenance = .terraform(t)
                }
                assets[asset.key] = merged
            } else {
                diagnostics.append(.warning(
                    "Duplicate asset \(asset.name)",
                    detail: "\(r.address) converts to the same \(asset.assetType) as \(existing.provenance.terraform?.address ?? "another resource"); the first is kept",
                    at: r.instance.blockRange))
                return
            }
        } else {
            assets[asset.key] = asset
        }
        byAddress[r.address, default: []].append(asset.key)
    }
}

extension ConversionState {
    /// Appends a fragment (a NAT) to `field` of the asset it belongs to, creating that asset
    /// (with only the fragment) when the plan does not contain it.
    mutating func appendFragment(_ c: ConvertedAsset, field: String, from r: TerraformResource) {
        let key = AssetKey(assetType: c.assetType, name: c.name)
        var asset = assets[key] ?? Asset(
            name: c.name, assetType: c.assetType, ancestors: ancestors(from: c.ancestryStart),
            resource: AssetResource(version: c.version, discoveryDocumentURI: c.discoveryDocumentURI,
                                    discoveryName: c.discoveryName, data: .object([:])),
            provenance: .terraform(TerraformProvenance(rootModule: r.instance.rootModule, address: nil)))
        var data = asset.data.attributes ?? [:]
        var list = data[field]?.elements ?? []
        let index = list.count
        list.append(c.data.value)
        data[field] = .tuple(list)
        asset.resource?.data = .object(data)
        if var t = asset.provenance.terraform {
            for (k, s) in c.data.fields { t.fields["\(field).\(index).\(k)"] = s }
            t.fields["\(field).\(index)"] = FieldSource(kind: .attribute, range: r.instance.blockRange, terraformPath: r.address)
            asset.provenance = .terraform(t)
        }
        assets[key] = asset
        byAddress[r.address, default: []].append(key)
    }
}

enum Labels {
    /// Known string labels of a REST representation (`labels`, `userLabels`,
    /// `settings.userLabels`, `metadata.labels`).
    private static let paths = [["labels"], ["userLabels"], ["settings", "userLabels"], ["metadata", "labels"]]

    static func of(_ data: Value) -> [String: String] {
        for path in paths {
            if let m = data[path: path]?.attributes {
                var out: [String: String] = [:]
                for (k, v) in m { if let s = v.stringValue { out[k] = s } }
                return out
            }
        }
        return [:]
    }
}

/// Types without a dedicated converter: a generic asset whose data is the camelCased
/// Terraform values, so custom policies can still reach them (and `asset.terraform`).
enum GenericConverter {
    static func convert(_ r: TerraformResource) -> ConvertedAsset {
        let service = r.type.dropFirst("google_".count)
        return ConvertedAsset(
            name: "//terraform.tollgate.dev/\(r.instance.rootModule)/\(r.address)",
            assetType: "terraform.tollgate.dev/\(r.type)",
            discoveryName: String(service),
            data: r.mapped(DataMapping()),
            ancestryStart: "projects/\(r.projectSegment)"
        )
    }
}
