/// What a body may contain, for decoding the JSON syntax: JSON cannot tell an attribute whose
/// value is an object from a nested block, nor a block label from a property name, so the
/// application says which names are blocks and how many labels they take (hcl `BodySchema`,
/// json/spec.md "Blocks"). The native syntax needs no schema; it ignores this.
public struct BodySchema: Sendable {
    /// Attributes named by the schema, each with how its JSON value becomes an expression.
    public var attributes: [String: ExpressionMode]
    /// Block types named by the schema.
    public var blocks: [String: BlockSchema]
    /// What properties named neither as attribute nor as block type become.
    public var otherProperties: OtherProperties

    public init(attributes: [String: ExpressionMode] = [:], blocks: [String: BlockSchema] = [:], otherProperties: OtherProperties = .rejected) {
        self.attributes = attributes
        self.blocks = blocks
        self.otherProperties = otherProperties
    }

    public enum OtherProperties: Sendable {
        /// An error ("Extraneous JSON object property"), as hcl's `Body.Content` reports.
        case rejected
        /// Attributes, as hcl's `Body.JustAttributes` (e.g. `locals`, module arguments).
        case attributes(ExpressionMode)
        /// Resource-like bodies without a provider schema: `BodySchema.inferBlock` decides per
        /// property; inferred blocks get an inferred body again, and `dynamic` is a block.
        case inferred
    }
}

/// A block type: its label names (their count is what matters for decoding) and its body.
public struct BlockSchema: Sendable {
    public var labelNames: [String]
    public var body: BodySchema

    public init(labelNames: [String] = [], body: BodySchema = BodySchema()) {
        self.labelNames = labelNames
        self.body = body
    }
}

/// How a JSON value becomes an expression (json/spec.md "Expression Evaluation"): hcl
/// evaluates JSON strings as templates when given an evaluation context and as literals when
/// not; Terraform evaluates some arguments without a context and reads others as static
/// references or type expressions from strings (Terraform docs, "JSON Configuration Syntax").
public enum ExpressionMode: Sendable, Hashable {
    /// Strings (and object keys) are templates: `"${var.x}-a"`. The default.
    case template
    /// Strings are taken literally, `${` included (`variable.default`, `module.source`).
    case literal
    /// Strings contain a native-syntax expression: a reference (`depends_on`, `provider`,
    /// `ignore_changes`) or a type (`variable.type`); object keys too (`providers`).
    case expression
}

extension BodySchema {
    /// A body of attributes only (hcl `JustAttributes`).
    public static func attributesOnly(_ mode: ExpressionMode = .template) -> BodySchema {
        BodySchema(otherProperties: .attributes(mode))
    }

    /// A resource-like body without a provider schema (see `inferBlock`).
    public static var inferred: BodySchema { BodySchema(otherProperties: .inferred) }

    /// Attributes whose values are maps in the Google (and common AWS) providers, so an
    /// object value under one of these names is an attribute, never a nested block.
    public static let mapAttributeNames: Set<String> = [
        "labels", "user_labels", "resource_labels", "terraform_labels", "effective_labels", "default_labels",
        "metadata", "annotations", "attributes", "environment_variables", "build_environment_variables",
        "substitutions", "parameters", "params", "options", "properties", "resource_manager_tags", "tags",
        "node_labels", "pod_labels", "extra_attributes", "custom_attributes", "variables", "data",
    ]

    /// The rule for a property of an inferred (schema-less resource) body whose name the
    /// schema does not know. Terraform would ask the provider schema; without it, plan-shaped
    /// values need nested blocks as blocks (they become lists of objects), so:
    /// - an object, or a non-empty array of only objects, is a block (one per element) —
    /// - unless its name is a known map attribute (`mapAttributeNames`), or some key of the
    ///   object(s) is not an HCL identifier (`"app.kubernetes.io/name"`, `"${var.k}"`), which
    ///   only a map can have;
    /// - everything else (strings, numbers, arrays of non-objects, null, `[]`) is an attribute.
    static func inferBlock(name: String, value: JSONNode) -> Bool {
        if mapAttributeNames.contains(name) { return false }
        func blockBody(_ n: JSONNode) -> Bool {
            guard case .object(let props) = n.kind else { return false }
            return props.allSatisfy { $0.name == "//" || isIdentifier($0.name) }
        }
        switch value.kind {
        case .object: return blockBody(value)
        case .array(let elements): return !elements.isEmpty && elements.allSatisfy(blockBody)
        default: return false
        }
    }

    /// An HCL identifier (ID_Start, then ID_Continue or `-`), restricted to ASCII here:
    /// Terraform argument and block names are ASCII.
    static func isIdentifier(_ s: String) -> Bool {
        var first = true
        for c in s.utf8 {
            let letter = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F
            let digit = c >= 0x30 && c <= 0x39
            if first {
                guard letter else { return false }
                first = false
            } else if !(letter || digit || c == UInt8(ascii: "-")) {
                return false
            }
        }
        return !first
    }

    /// The body of a `dynamic` block inside an inferred body (Terraform "dynamic Blocks").
    static var dynamicBlock: BlockSchema {
        BlockSchema(labelNames: ["type"], body: BodySchema(
            attributes: ["for_each": .template, "iterator": .expression, "labels": .template],
            blocks: ["content": BlockSchema(body: .inferred)]))
    }
}

// MARK: - Terraform

extension BodySchema {
    private static var conditionBlock: BlockSchema {
        BlockSchema(body: BodySchema(attributes: ["condition": .template, "error_message": .template]))
    }

    private static func lifecycle(managed: Bool) -> BlockSchema {
        var attrs: [String: ExpressionMode] = [:]
        if managed {
            attrs = ["create_before_destroy": .literal, "prevent_destroy": .literal,
                     "ignore_changes": .expression, "replace_triggered_by": .expression]
        }
        return BlockSchema(body: BodySchema(attributes: attrs, blocks: ["precondition": conditionBlock, "postcondition": conditionBlock]))
    }

    /// A `resource` (managed) or `data` block body: the meta-arguments Terraform defines, and
    /// provider arguments and nested blocks inferred (no provider schemas here).
    public static func terraformResource(managed: Bool) -> BodySchema {
        var blocks: [String: BlockSchema] = ["lifecycle": lifecycle(managed: managed), "dynamic": dynamicBlock]
        if managed {
            blocks["provisioner"] = BlockSchema(labelNames: ["type"], body: .inferred)
            blocks["connection"] = BlockSchema(body: .attributesOnly())
        }
        return BodySchema(
            attributes: ["count": .template, "for_each": .template, "provider": .expression, "depends_on": .expression],
            blocks: blocks, otherProperties: .inferred)
    }

    /// The top level of a Terraform `.tf.json` file (Terraform `configFileSchema` and the
    /// block schemas of `configs/`), with the evaluation mode Terraform uses per argument:
    /// arguments it reads without an evaluation context are `.literal`, static references and
    /// type constraints are `.expression`.
    public static var terraformFile: BodySchema {
        let variable = BodySchema(
            attributes: ["type": .expression, "default": .literal, "description": .literal, "sensitive": .literal,
                         "nullable": .literal, "ephemeral": .literal],
            blocks: ["validation": conditionBlock])
        let output = BodySchema(
            attributes: ["value": .template, "description": .literal, "sensitive": .literal, "ephemeral": .literal,
                         "depends_on": .expression],
            blocks: ["precondition": conditionBlock])
        let module = BodySchema(
            attributes: ["source": .literal, "version": .literal, "count": .template, "for_each": .template,
                         "providers": .expression, "depends_on": .expression],
            otherProperties: .attributes(.template))
        let provider = BodySchema(
            attributes: ["alias": .literal, "version": .literal],
            blocks: ["dynamic": dynamicBlock], otherProperties: .inferred)
        let terraform = BodySchema(
            attributes: ["required_version": .literal, "experiments": .expression, "language": .expression],
            blocks: [
                "required_providers": BlockSchema(body: .attributesOnly(.literal)),
                "backend": BlockSchema(labelNames: ["type"], body: .attributesOnly(.literal)),
                "cloud": BlockSchema(body: .inferred),
                "provider_meta": BlockSchema(labelNames: ["provider"], body: .attributesOnly()),
            ])
        let check = BodySchema(blocks: [
            "data": BlockSchema(labelNames: ["type", "name"], body: terraformResource(managed: false)),
            "assert": conditionBlock,
        ])
        return BodySchema(blocks: [
            "terraform": BlockSchema(body: terraform),
            "provider": BlockSchema(labelNames: ["name"], body: provider),
            "variable": BlockSchema(labelNames: ["name"], body: variable),
            "locals": BlockSchema(body: .attributesOnly()),
            "output": BlockSchema(labelNames: ["name"], body: output),
            "module": BlockSchema(labelNames: ["name"], body: module),
            "resource": BlockSchema(labelNames: ["type", "name"], body: terraformResource(managed: true)),
            "data": BlockSchema(labelNames: ["type", "name"], body: terraformResource(managed: false)),
            "moved": BlockSchema(body: BodySchema(attributes: ["from": .expression, "to": .expression])),
            "import": BlockSchema(body: BodySchema(attributes: ["to": .expression, "id": .template, "provider": .expression, "for_each": .template])),
            "removed": BlockSchema(body: BodySchema(attributes: ["from": .expression], blocks: ["lifecycle": lifecycle(managed: true)], otherProperties: .inferred)),
            "check": BlockSchema(labelNames: ["name"], body: check),
        ])
    }
}
