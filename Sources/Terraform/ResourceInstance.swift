import HCL

/// One resource instance as Terraform would plan it: the output of evaluating a configuration
/// (or of loading a plan), and the input of the TF→CAI converters in `Assets`.
///
/// `values` follows the shape of `terraform show -json` `planned_values`: an object of
/// attribute values where every nested block is a list of objects (Terraform cannot tell a
/// single block from a repeated one without the provider schema, and plans print both as
/// lists). Values only known after apply are `.unknown`; sensitive ones are marked.
public struct ResourceInstance: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable, Codable {
        case managed, data
    }

    public enum Key: Hashable, Sendable, Codable, CustomStringConvertible {
        case int(Int)
        case string(String)

        /// As Terraform prints it in an address: `[0]`, `["a"]`.
        public var description: String {
            switch self {
            case .int(let i): "[\(i)]"
            case .string(let s): "[\(Value.string(s).jsonString)]"
            }
        }
    }

    /// Full address as Terraform prints it: `module.db["prod"].google_sql_database_instance.main[0]`.
    public var address: String
    public var mode: Mode
    /// Resource type, e.g. `google_sql_database_instance`.
    public var type: String
    /// Resource name label, e.g. `main`.
    public var name: String
    /// Module instance address, `""` for the root module, e.g. `module.db["prod"]`.
    public var moduleAddress: String
    /// The `count`/`for_each` key, nil for a single instance.
    public var key: Key?
    /// Directory of the root module this instance was evaluated from (relative to the scan
    /// root), e.g. `examples/interviewlm/environments/prod`. For plans: the plan file.
    public var rootModule: String
    /// Provider defaults that apply to this resource (`project`, `region`, `zone` from its
    /// `provider "google"` configuration), used when the resource omits them.
    public var providerDefaults: [String: Value]
    /// Attribute values, plan-shaped (see type documentation).
    public var values: Value
    /// Where each attribute came from: path with block indices (`settings.0.ip_configuration.0.ipv4_enabled`)
    /// to the source range of the attribute (or nested block) that set it.
    public var attributeRanges: [String: SourceRange]
    /// The resource block (its header line); where a finding about an omitted attribute points.
    public var blockRange: SourceRange?
    /// Inline `# tollgate:ignore …` comments found inside the resource block, raw text with location.
    public var inlineComments: [Comment]
    /// `lifecycle { prevent_destroy = true }`.
    public var preventDestroy: Bool
    /// Addresses of other resources this one references (for graph edges), e.g. `google_compute_network.vpc`
    /// qualified with the module address.
    public var dependencies: [String]

    public struct Comment: Hashable, Sendable {
        public var text: String
        public var range: SourceRange
        public init(text: String, range: SourceRange) {
            self.text = text
            self.range = range
        }
    }

    public init(
        address: String, mode: Mode = .managed, type: String, name: String, moduleAddress: String = "",
        key: Key? = nil, rootModule: String, providerDefaults: [String: Value] = [:], values: Value,
        attributeRanges: [String: SourceRange] = [:], blockRange: SourceRange? = nil,
        inlineComments: [Comment] = [], preventDestroy: Bool = false, dependencies: [String] = []
    ) {
        self.address = address
        self.mode = mode
        self.type = type
        self.name = name
        self.moduleAddress = moduleAddress
        self.key = key
        self.rootModule = rootModule
        self.providerDefaults = providerDefaults
        self.values = values
        self.attributeRanges = attributeRanges
        self.blockRange = blockRange
        self.inlineComments = inlineComments
        self.preventDestroy = preventDestroy
        self.dependencies = dependencies
    }
}
