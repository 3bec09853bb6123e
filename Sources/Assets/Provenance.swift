import HCL

/// Where an asset came from, so a finding can point at the line that caused it.
public enum Provenance: Hashable, Sendable {
    case terraform(TerraformProvenance)
    case file(FileProvenance)
    case live(LiveProvenance)

    public var terraform: TerraformProvenance? {
        if case .terraform(let t) = self { return t }
        return nil
    }

    public var file: FileProvenance? {
        if case .file(let f) = self { return f }
        return nil
    }
}

/// Terraform provenance: which resource(s) built the asset, and where each field came from.
public struct TerraformProvenance: Hashable, Sendable {
    /// Root module directory (or plan file) the resource was evaluated from.
    public var rootModule: String
    /// Address of the resource that produced `resource` (nil for an IAM-only asset).
    public var address: String?
    /// The resource block header; where a finding about an omitted attribute points.
    public var blockRange: SourceRange?
    /// `resource.data` path (dotted, array indices as numbers: `settings.ipConfiguration.ipv4Enabled`,
    /// `cors.0.origin`) to where its value came from.
    public var fields: [String: FieldSource]
    /// Every IAM grant folded into `iamPolicy`, with the Terraform resource that made it.
    public var iamContributions: [IAMContribution]

    public init(
        rootModule: String, address: String?, blockRange: SourceRange? = nil,
        fields: [String: FieldSource] = [:], iamContributions: [IAMContribution] = []
    ) {
        self.rootModule = rootModule
        self.address = address
        self.blockRange = blockRange
        self.fields = fields
        self.iamContributions = iamContributions
    }

    /// The most specific known source of a data path: the field itself, else its nearest
    /// recorded ancestor (a nested block), else the resource block.
    public func source(of path: String) -> SourceRange? {
        var p = Substring(path)
        while true {
            if let f = fields[String(p)], let r = f.range { return r }
            guard let dot = p.lastIndex(of: ".") else { break }
            p = p[..<dot]
        }
        return blockRange
    }

    /// Addresses of the resources that contributed `member` under `role`.
    public func contributors(role: String, member: String) -> [String] {
        iamContributions.filter { $0.role == role && $0.member == member }.map(\.address)
    }
}

/// Where one `resource.data` field came from.
public struct FieldSource: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Written in the configuration (or plan).
        case attribute
        /// Omitted; filled with the provider's default. Located at the resource block.
        case providerDefault = "default"
        /// Computed by the converter from other attributes (e.g. a service account's email).
        case derived
    }

    public var kind: Kind
    public var range: SourceRange?
    /// Dotted Terraform attribute path with block indices (`settings.0.ip_configuration.0.ipv4_enabled`).
    public var terraformPath: String

    public init(kind: Kind, range: SourceRange?, terraformPath: String) {
        self.kind = kind
        self.range = range
        self.terraformPath = terraformPath
    }
}

/// One member granted a role by one Terraform IAM resource.
public struct IAMContribution: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case member, binding, policy, auditConfig = "audit_config"
    }

    public var role: String
    /// Empty for an audit config.
    public var member: String
    public var condition: IAMCondition?
    public var address: String
    public var kind: Kind
    public var range: SourceRange?

    public init(role: String, member: String, condition: IAMCondition? = nil, address: String, kind: Kind, range: SourceRange?) {
        self.role = role
        self.member = member
        self.condition = condition
        self.address = address
        self.kind = kind
        self.range = range
    }
}

/// An asset read from a file: an export line, a gcloud describe output, an IAM policy.
public struct FileProvenance: Hashable, Sendable {
    public var path: String
    /// 1-based line of the record where known (NDJSON line, YAML document start).
    public var line: Int?
    /// 1-based record number within the file (NDJSON line or array element).
    public var record: Int?
    /// What kind of input the file was recognised as.
    public var format: InputFormat
    /// Further files merged into this asset (the IAM_POLICY record, a bound IAM policy file).
    public var merged: [FileLocation]

    public init(path: String, line: Int? = nil, record: Int? = nil, format: InputFormat, merged: [FileLocation] = []) {
        self.path = path
        self.line = line
        self.record = record
        self.format = format
        self.merged = merged
    }

    public var location: FileLocation { FileLocation(path: path, line: line, record: record) }
}

public struct FileLocation: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var record: Int?

    public init(path: String, line: Int? = nil, record: Int? = nil) {
        self.path = path
        self.line = line
        self.record = record
    }

    public var description: String {
        var s = path
        if let line { s += ":\(line)" }
        if let record, line == nil { s += " record \(record)" }
        return s
    }
}

/// Live data: which API answered and when.
public struct LiveProvenance: Hashable, Sendable {
    /// e.g. `cloudasset.googleapis.com/v1/assets.list`.
    public var api: String
    /// RFC 3339 read time as the API reported it.
    public var readTime: String

    public init(api: String, readTime: String) {
        self.api = api
        self.readTime = readTime
    }
}
