import HCL

/// One policy as loaded from its YAML file (see docs/policy-language.md). Immutable once
/// loaded; the engine compiles its CEL expressions.
package struct PolicyDefinition: Hashable, Sendable {
    package enum Origin: String, Hashable, Sendable {
        case builtIn = "built-in"
        case custom
        case constraint
    }

    package var id: String
    package var title: String
    package var family: Family
    package var severity: Severity
    package var resourceTypes: [String]
    package var condition: String
    package var applies: String?
    /// nil = every environment.
    package var environments: [String]?
    /// nil = every profile.
    package var profiles: [String]?
    package var params: [String]
    package var controls: [String: [String]]
    package var message: String?
    package var expected: String?
    package var violations: String?
    package var liveDecidable: Bool
    package var rationale: String
    package var remediation: String
    package var examples: [PolicyExample]
    package var origin: Origin
    /// For GCP custom constraints: `DENY` inverts the condition (true = violation).
    package var denyOnTrue: Bool
    /// The file it came from (relative to the policy root for built-ins, as given otherwise).
    package var path: String
    /// Where each expression starts in that file, for CEL errors.
    package var conditionRange: SourceRange?
    package var appliesRange: SourceRange?
    package var violationsRange: SourceRange?
    package var conditionLocator: ExpressionLocator?
    package var appliesLocator: ExpressionLocator?
    package var violationsLocator: ExpressionLocator?
    /// The `id:` line (or the file start).
    package var range: SourceRange?

    package init(
        id: String, title: String, family: Family, severity: Severity, resourceTypes: [String], condition: String,
        applies: String? = nil, environments: [String]? = nil, profiles: [String]? = nil, params: [String] = [],
        controls: [String: [String]] = [:], message: String? = nil, expected: String? = nil, violations: String? = nil,
        liveDecidable: Bool = true, rationale: String = "", remediation: String = "", examples: [PolicyExample] = [],
        origin: Origin = .builtIn, denyOnTrue: Bool = false, path: String = "", conditionRange: SourceRange? = nil,
        appliesRange: SourceRange? = nil, violationsRange: SourceRange? = nil, range: SourceRange? = nil
    ) {
        self.id = id
        self.title = title
        self.family = family
        self.severity = severity
        self.resourceTypes = resourceTypes
        self.condition = condition
        self.applies = applies
        self.environments = environments
        self.profiles = profiles
        self.params = params
        self.controls = controls
        self.message = message
        self.expected = expected
        self.violations = violations
        self.liveDecidable = liveDecidable
        self.rationale = rationale
        self.remediation = remediation
        self.examples = examples
        self.origin = origin
        self.denyOnTrue = denyOnTrue
        self.path = path
        self.conditionRange = conditionRange
        self.appliesRange = appliesRange
        self.violationsRange = violationsRange
        self.range = range
    }

    /// What reporters see of the policy, with the severity the profile assigns.
    package func metadata(severity override: Severity? = nil, helpURI: String? = nil) -> PolicyMetadata {
        PolicyMetadata(
            id: id, title: title, family: family, severity: override ?? severity, resourceTypes: resourceTypes,
            controls: controls, rationale: rationale, remediation: remediation,
            compliantExample: examples.first { $0.compliant && $0.terraform != nil }?.terraform,
            helpURI: helpURI ?? (origin == .builtIn ? "docs/policies/\(id).md" : nil), origin: origin.rawValue)
    }

    package func applies(toType assetType: String) -> Bool {
        resourceTypes.contains("*") || resourceTypes.contains(assetType)
    }
}

/// Maps a position inside a CEL expression to the policy file: block scalars are split over
/// lines (folded ones joined with spaces), inline ones sit at the value's column.
package struct ExpressionLocator: Hashable, Sendable {
    package struct Segment: Hashable, Sendable {
        package var line: Int
        package var column: Int
        package var length: Int
    }

    package var segments: [Segment]
    package var folded: Bool

    /// File line and column of expression position `line:column` (both 1-based).
    package func position(line: Int, column: Int) -> (line: Int, column: Int)? {
        guard !segments.isEmpty else { return nil }
        if !folded {
            let i = min(max(line - 1, 0), segments.count - 1)
            return (segments[i].line, segments[i].column + column - 1)
        }
        var remaining = column - 1
        for s in segments {
            if remaining <= s.length { return (s.line, s.column + remaining) }
            remaining -= s.length + 1
        }
        let last = segments[segments.count - 1]
        return (last.line, last.column + last.length)
    }
}

/// One example of a policy: a Terraform configuration and/or a CAI asset, and whether it
/// complies. Every example is a test (`tollgate policies test`, the parameterized test).
package struct PolicyExample: Hashable, Sendable {
    package var name: String?
    package var compliant: Bool
    package var terraform: String?
    /// Which Terraform resource the example is about (default: every asset of the policy's types).
    package var address: String?
    /// A CAI asset in REST shape (`name`, `assetType`, `ancestors`, `resource.data`, `iamPolicy`, `labels`).
    package var asset: Value?
    /// Other assets in the same scan, for graph functions.
    package var context: [Value]
    package var environment: String?
    package var profile: String?
    package var range: SourceRange?

    package init(name: String? = nil, compliant: Bool, terraform: String? = nil, address: String? = nil, asset: Value? = nil,
                 context: [Value] = [], environment: String? = nil, profile: String? = nil, range: SourceRange? = nil) {
        self.name = name
        self.compliant = compliant
        self.terraform = terraform
        self.address = address
        self.asset = asset
        self.context = context
        self.environment = environment
        self.profile = profile
        self.range = range
    }

    /// `TG-SQL-001 example 2 (ipv4_enabled omitted)`.
    package func label(policyID: String, index: Int) -> String {
        "\(policyID) example \(index + 1)" + (name.map { " (\($0))" } ?? "")
    }
}
