import HCL

/// One Cloud Asset Inventory asset: the single normalized shape every input (Terraform,
/// exports, gcloud output, live API) becomes, so one policy holds for all of them.
///
/// Field names follow the CAI REST v1 `Asset` message (`name`, `assetType`, `ancestors`,
/// `resource`, `iamPolicy`); `resource.data` is the REST API's representation of the
/// resource (camelCase), kept as a `Value` so Terraform unknowns and sensitive marks survive.
public struct Asset: Hashable, Sendable {
    /// Full resource name, e.g. `//cloudsql.googleapis.com/projects/P/instances/I`.
    public var name: String
    /// e.g. `sqladmin.googleapis.com/Instance`.
    public var assetType: String
    /// Nearest first, including the asset's own project: `["projects/p", "folders/1", "organizations/2"]`.
    public var ancestors: [String]
    /// Nil for an IAM-only asset (an IAM resource or IAM_POLICY record with no resource seen).
    public var resource: AssetResource?
    public var iamPolicy: IAMPolicy?
    /// `labels` (or `userLabels`/`metadata.labels`) of the resource, known string values only.
    public var labels: [String: String]
    /// dev/staging/prod when known (from `--env`, a label or the root module); set by the caller.
    public var environment: String?
    public var provenance: Provenance
    /// For Terraform-sourced assets: the raw Terraform view (address, type, values) so custom
    /// policies can reach attributes the REST shape has no field for.
    public var terraform: TerraformView?

    public init(
        name: String, assetType: String, ancestors: [String] = [], resource: AssetResource? = nil,
        iamPolicy: IAMPolicy? = nil, labels: [String: String] = [:], environment: String? = nil,
        provenance: Provenance, terraform: TerraformView? = nil
    ) {
        self.name = name
        self.assetType = assetType
        self.ancestors = ancestors
        self.resource = resource
        self.iamPolicy = iamPolicy
        self.labels = labels
        self.environment = environment
        self.provenance = provenance
        self.terraform = terraform
    }

    /// Identity in the graph: CAI identifies an asset by type and name together.
    public var key: AssetKey { AssetKey(assetType: assetType, name: name) }

    /// The project id or number from `ancestors` (`projects/X` → `X`), else from the name.
    public var project: String? {
        for a in ancestors where a.hasPrefix("projects/") { return String(a.dropFirst(9)) }
        return AssetName.component(after: "projects", in: name)
    }

    var terraformDependencies: [String] { terraform?.dependencies ?? [] }

    /// `resource.data`, or an empty object for IAM-only assets.
    public var data: Value { resource?.data ?? .object([:]) }
}

public struct AssetKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var assetType: String
    public var name: String
    public init(assetType: String, name: String) {
        self.assetType = assetType
        self.name = name
    }
    public static func < (a: AssetKey, b: AssetKey) -> Bool {
        (a.name, a.assetType) < (b.name, b.assetType)
    }
    public var description: String { "\(assetType) \(name)" }
}

/// CAI `Resource`: the REST representation plus discovery metadata.
public struct AssetResource: Hashable, Sendable {
    public var version: String
    public var discoveryDocumentURI: String
    public var discoveryName: String
    /// Full name of the parent (`//cloudresourcemanager.googleapis.com/projects/P`).
    public var parent: String
    public var location: String?
    public var data: Value

    public init(
        version: String = "", discoveryDocumentURI: String = "", discoveryName: String = "",
        parent: String = "", location: String? = nil, data: Value
    ) {
        self.version = version
        self.discoveryDocumentURI = discoveryDocumentURI
        self.discoveryName = discoveryName
        self.parent = parent
        self.location = location
        self.data = data
    }
}

/// An IAM policy (google.iam.v1.Policy), conditions and audit configs kept.
public struct IAMPolicy: Hashable, Sendable {
    public var bindings: [IAMBinding]
    public var auditConfigs: [AuditConfig]
    public var etag: String?
    public var version: Int?

    public init(bindings: [IAMBinding] = [], auditConfigs: [AuditConfig] = [], etag: String? = nil, version: Int? = nil) {
        self.bindings = bindings
        self.auditConfigs = auditConfigs
        self.etag = etag
        self.version = version
    }

    /// Every member granted `role` (unconditionally or not).
    public func members(of role: String) -> [String] {
        bindings.filter { $0.role == role }.flatMap(\.members)
    }

    /// Additive grant (`_iam_member`): adds `member` to the binding for (role, condition),
    /// creating it if absent. Members stay sorted, as tfplan2cai's merge sorts them.
    public mutating func add(role: String, member: String, condition: IAMCondition? = nil) {
        if let i = bindings.firstIndex(where: { $0.role == role && $0.condition == condition }) {
            if !bindings[i].members.contains(member) {
                bindings[i].members.append(member)
                bindings[i].members.sort()
            }
        } else {
            bindings.append(IAMBinding(role: role, members: [member], condition: condition))
        }
    }

    /// Authoritative per role (`_iam_binding`): replaces the members of (role, condition).
    public mutating func set(role: String, members: [String], condition: IAMCondition? = nil) {
        if let i = bindings.firstIndex(where: { $0.role == role && $0.condition == condition }) {
            bindings[i].members = members.sorted()
        } else {
            bindings.append(IAMBinding(role: role, members: members, condition: condition))
        }
    }

    /// Policy as a `Value` in the REST shape (`bindings`, `auditConfigs`), for CEL and JSON output.
    public var value: Value {
        var m: [String: Value] = [
            "bindings": .tuple(bindings.map(\.value))
        ]
        if !auditConfigs.isEmpty { m["auditConfigs"] = .tuple(auditConfigs.map(\.value)) }
        if let etag { m["etag"] = .string(etag) }
        if let version { m["version"] = .number(version) }
        return .object(m)
    }
}

public struct IAMBinding: Hashable, Sendable {
    public var role: String
    public var members: [String]
    public var condition: IAMCondition?

    public init(role: String, members: [String], condition: IAMCondition? = nil) {
        self.role = role
        self.members = members
        self.condition = condition
    }

    public var value: Value {
        var m: [String: Value] = ["role": .string(role), "members": .tuple(members.map { .string($0) })]
        if let condition { m["condition"] = condition.value }
        return .object(m)
    }
}

/// A CEL condition on a binding (google.type.Expr).
public struct IAMCondition: Hashable, Sendable {
    public var expression: String
    public var title: String
    public var description: String

    public init(expression: String, title: String = "", description: String = "") {
        self.expression = expression
        self.title = title
        self.description = description
    }

    public var value: Value {
        var m: [String: Value] = ["expression": .string(expression), "title": .string(title)]
        if !description.isEmpty { m["description"] = .string(description) }
        return .object(m)
    }
}

/// Data access logging for one service (`allServices` or e.g. `storage.googleapis.com`).
public struct AuditConfig: Hashable, Sendable {
    public var service: String
    public var auditLogConfigs: [AuditLogConfig]

    public init(service: String, auditLogConfigs: [AuditLogConfig]) {
        self.service = service
        self.auditLogConfigs = auditLogConfigs
    }

    public var value: Value {
        .object([
            "service": .string(service),
            "auditLogConfigs": .tuple(auditLogConfigs.map(\.value)),
        ])
    }
}

public struct AuditLogConfig: Hashable, Sendable {
    /// `ADMIN_READ`, `DATA_READ` or `DATA_WRITE`.
    public var logType: String
    public var exemptedMembers: [String]

    public init(logType: String, exemptedMembers: [String] = []) {
        self.logType = logType
        self.exemptedMembers = exemptedMembers
    }

    public var value: Value {
        var m: [String: Value] = ["logType": .string(logType)]
        if !exemptedMembers.isEmpty { m["exemptedMembers"] = .tuple(exemptedMembers.map { .string($0) }) }
        return .object(m)
    }
}

/// The raw Terraform view of a Terraform-sourced asset.
public struct TerraformView: Hashable, Sendable {
    public var address: String
    public var type: String
    public var values: Value
    /// Attributes whose value is a secret written in code (e.g. a literal
    /// `google_secret_manager_secret_version.secret_data`): dotted Terraform path to its range.
    public var secretsInCode: [String: SourceRange?]
    /// Addresses of the resources this one references (graph `reference` edges).
    public var dependencies: [String]

    public init(
        address: String, type: String, values: Value, secretsInCode: [String: SourceRange?] = [:],
        dependencies: [String] = []
    ) {
        self.address = address
        self.type = type
        self.values = values
        self.secretsInCode = secretsInCode
        self.dependencies = dependencies
    }
}
