import Foundation
import HCL

/// One module directory, parsed: the declarations of all its `.tf` files (Terraform reads
/// every `.tf`/`.tf.json` file of a directory as one module, in lexical order). Override files
/// (`override.tf`, `*_override.tf` and their `.tf.json` forms) are set aside and merged into
/// the declarations of the primary files afterwards (`OverrideMerge`; Terraform docs, "Override
/// Files"), so `files` lists the primary files first, then the override files.
struct Module: Sendable {
    /// Real absolute path.
    var directory: String
    /// Path relative to the scan root (what diagnostics and `rootModule` show).
    var relativeDirectory: String
    var files: [File]
    var variables: [Variable] = []
    var locals: [Named] = []
    var outputs: [Output] = []
    var resources: [Resource] = []
    var moduleCalls: [ModuleCall] = []
    var providers: [Provider] = []
    /// `terraform { required_providers { … } }` entries by local name.
    var requiredProviders: [String: RequiredProvider] = [:]
    /// `terraform { required_version = "…" }`.
    var requiredVersion: Named?
    var diagnostics: [Diagnostic] = []
    /// Attribute names that follow references anywhere in the module.
    var referencedNames: Set<String> = []
    /// Attribute names read after an index or splat (`network_interface[0].access_config[0].nat_ip`):
    /// attributes of nested blocks, which may be computed by the provider.
    var nestedReferencedNames: Set<String> = []
    /// Provider-defined functions called (`provider::google::region_from_zone`): unknown.
    var providerFunctions: Set<String> = []

    /// A declaration with its expression and the file it is in.
    struct Named: Sendable {
        var name: String
        var expression: Expression
        var file: Int
        var range: Range<Int>
    }

    struct Variable: Sendable {
        var name: String
        var type: TypeConstraint?
        var defaultValue: Value?
        var hasDefault: Bool
        var sensitive: Bool
        var nullable: Bool
        var file: Int
        var range: Range<Int>
    }

    struct Output: Sendable {
        var name: String
        var value: Expression?
        var sensitive: Bool
        var file: Int
        var range: Range<Int>
        /// The file of `value` (an override file's when one replaced it).
        var valueFile: Int
    }

    /// One `required_providers` entry: `google = { source = "hashicorp/google", version = "~> 5.0" }`
    /// (or the legacy `google = "~> 5.0"`, a version constraint alone).
    struct RequiredProvider: Sendable {
        var name: String
        var source: String?
        var version: String?
        var file: Int
        var range: Range<Int>
    }

    /// A block's place in one file: from its type to its closing brace.
    struct Site: Sendable, Equatable {
        var file: Int
        var range: Range<Int>
    }

    struct Resource: Sendable {
        var mode: ResourceInstance.Mode
        var type: String
        var name: String
        var block: Block
        var file: Int
        /// `provider = google.alias` as `google.alias`; nil for the default provider of the type.
        var providerKey: String?
        /// Files of the arguments and nested blocks that override files replaced.
        var origins = BodyOrigins()
        /// The override blocks merged into this one, in the order they were applied.
        var overrides: [Site] = []

        var key: String { (mode == .data ? "data." : "") + type + "." + name }
        var count: Attribute? { block.body.attribute(named: "count") }
        var forEach: Attribute? { block.body.attribute(named: "for_each") }
        /// The local name of the provider: `google` for `google_storage_bucket`.
        var providerName: String { String(type.prefix { $0 != "_" }) }
    }

    struct ModuleCall: Sendable {
        var name: String
        var source: String?
        var block: Block
        var file: Int
        var origins = BodyOrigins()
        var count: Attribute? { block.body.attribute(named: "count") }
        var forEach: Attribute? { block.body.attribute(named: "for_each") }
        var isLocal: Bool { source.map { $0.hasPrefix("./") || $0.hasPrefix("../") || $0 == "." || $0 == ".." } ?? false }
    }

    struct Provider: Sendable {
        var name: String
        var alias: String?
        var block: Block
        var file: Int
        var origins = BodyOrigins()
        var key: String { alias.map { "\(name).\($0)" } ?? name }
    }

    /// Block types read without evaluation (Terraform: `terraform`, `moved`, `import`,
    /// `check`, `removed`).
    static let ignoredBlocks: Set<String> = ["terraform", "moved", "import", "check", "removed"]

    /// Loads and parses the module in `directory`. Unreadable files are diagnostics.
    static func load(directory: String, relativeDirectory: String, scanRoot: String) -> Module {
        var m = Module(directory: directory, relativeDirectory: relativeDirectory, files: [])
        let fm = FileManager.default
        let all = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).sorted().filter { $0.hasSuffix(".tf") || $0.hasSuffix(".tf.json") }
        // Primary files first, then the override files, each group in lexical order.
        let names = all.filter { !Module.isOverrideFile($0) } + all.filter(Module.isOverrideFile)
        var primaryCount = 0
        for name in names {
            let path = directory + "/" + name
            let shown = relativeDirectory.isEmpty || relativeDirectory == "." ? name : relativeDirectory + "/" + name
            guard let data = fm.contents(atPath: path) else {
                m.diagnostics.append(Diagnostic(severity: .error, summary: "Cannot read file", detail: "\(shown) could not be read",
                                                code: Diagnostic.Code.unreadable))
                continue
            }
            // `.tf.json` decodes into the same File/Body tree (HCL JSON syntax, docs/hcl.md).
            let (file, diags) = name.hasSuffix(".tf.json")
                ? JSONSyntax.parse(bytes: [UInt8](data), filename: shown, schema: .terraformFile)
                : Parser.parse(bytes: [UInt8](data), filename: shown)
            m.diagnostics += diags.coded(Diagnostic.Code.parseError)
            m.files.append(file)
            if !Module.isOverrideFile(name) { primaryCount += 1 }
        }
        for (i, f) in m.files.enumerated() {
            if i < primaryCount {
                m.collect(f, index: i)
            } else {
                OverrideMerge.apply(f, index: i, to: &m)
            }
            var ex: [Expression] = []
            ExpressionWalk.expressions(in: f.body, into: &ex)
            for e in ex {
                ExpressionWalk.attributeNames(in: e, into: &m.referencedNames)
                ExpressionWalk.nestedAttributeNames(in: e, into: &m.nestedReferencedNames)
                ExpressionWalk.functionNames(in: e, into: &m.providerFunctions) { $0.hasPrefix("provider::") }
            }
        }
        return m
    }

    /// `override.tf`, `override.tf.json`, `*_override.tf`, `*_override.tf.json` (Terraform's
    /// `IsOverrideFile`: the name without its extension is `override` or ends in `_override`).
    static func isOverrideFile(_ name: String) -> Bool {
        let stem = name.hasSuffix(".tf.json") ? name.dropLast(8) : name.hasSuffix(".tf") ? name.dropLast(3) : Substring(name)
        return stem == "override" || stem.hasSuffix("_override")
    }

    /// `provider = google.alias` as `"google.alias"`.
    static func providerKey(_ body: Body) -> String? {
        guard let p = body.attribute(named: "provider"), let t = p.expression.asTraversal else { return nil }
        return t.steps.compactMap { step -> String? in
            switch step {
            case .root(let n), .attribute(let n): n
            default: nil
            }
        }.joined(separator: ".")
    }

    /// `terraform { required_version = …, required_providers { … } }`: entries are added, a later
    /// one for the same provider replacing the earlier (override files rely on that).
    mutating func collectTerraformSettings(_ b: Block, file f: File, index i: Int) {
        if let v = b.body.attribute(named: "required_version") {
            requiredVersion = Named(name: "required_version", expression: v.expression, file: i, range: v.range)
        }
        for rp in b.body.blocks(ofType: "required_providers") {
            for a in rp.body.attributes {
                var entry = RequiredProvider(name: a.name, source: nil, version: nil, file: i, range: a.range)
                if let s = a.expression.stringLiteral {
                    entry.version = s
                } else if case .object(let items) = a.expression.kind {
                    for it in items {
                        switch it.keyword ?? it.key.stringLiteral {
                        case "source": entry.source = it.value.stringLiteral
                        case "version": entry.version = it.value.stringLiteral
                        default: break
                        }
                    }
                } else {
                    diagnostics.append(.error("Invalid required_providers object", detail: "required_providers entries must be strings or objects.", at: f.sourceRange(a.expression.range)))
                    continue
                }
                requiredProviders[a.name] = entry
            }
        }
    }

    private mutating func collect(_ f: File, index i: Int) {
        for b in f.body.blocks {
            switch b.type {
            case "variable":
                guard let name = b.labels.first else { continue }
                var v = Variable(name: name, type: nil, defaultValue: nil, hasDefault: false, sensitive: false, nullable: true, file: i, range: b.typeRange.lowerBound..<b.openBraceRange.upperBound)
                if let t = b.body.attribute(named: "type") {
                    var d: [Diagnostic] = []
                    v.type = TypeExpression.parse(t.expression, file: f, diagnostics: &d)
                    diagnostics += d
                }
                if let d = b.body.attribute(named: "default") {
                    v.hasDefault = true
                    let (val, diags) = d.expression.evaluate(in: EvalContext(functions: TerraformFunctions.pure), lines: f.lineTable)
                    diagnostics += diags
                    v.defaultValue = val
                }
                if let s = b.body.attribute(named: "sensitive")?.expression.staticValue?.boolValue { v.sensitive = s }
                if let n = b.body.attribute(named: "nullable")?.expression.staticValue?.boolValue { v.nullable = n }
                variables.append(v)
            case "locals":
                for a in b.body.attributes {
                    locals.append(Named(name: a.name, expression: a.expression, file: i, range: a.range))
                }
            case "output":
                guard let name = b.labels.first else { continue }
                outputs.append(Output(
                    name: name, value: b.body.attribute(named: "value")?.expression,
                    sensitive: b.body.attribute(named: "sensitive")?.expression.staticValue?.boolValue ?? false,
                    file: i, range: b.typeRange.lowerBound..<b.openBraceRange.upperBound, valueFile: i))
            case "resource", "data":
                guard b.labels.count >= 2 else { continue }
                resources.append(Resource(mode: b.type == "data" ? .data : .managed, type: b.labels[0], name: b.labels[1], block: b, file: i, providerKey: Module.providerKey(b.body)))
            case "module":
                guard let name = b.labels.first else { continue }
                moduleCalls.append(ModuleCall(name: name, source: b.body.attribute(named: "source")?.expression.stringLiteral, block: b, file: i))
            case "provider":
                guard let name = b.labels.first else { continue }
                providers.append(Provider(name: name, alias: b.body.attribute(named: "alias")?.expression.stringLiteral, block: b, file: i))
            case "terraform":
                collectTerraformSettings(b, file: f, index: i)
            default:
                if !Module.ignoredBlocks.contains(b.type) {
                    diagnostics.append(.warning("Unsupported block type", detail: "Blocks of type \"\(b.type)\" are not expected here.", at: f.sourceRange(b.typeRange)))
                }
            }
        }
    }
}

/// Parses a type constraint written as an expression (`list(object({a = optional(string, "x")}))`).
enum TypeExpression {
    static func parse(_ e: Expression, file: File, diagnostics: inout [Diagnostic]) -> TypeConstraint? {
        func fail(_ msg: String, _ r: Range<Int>) -> TypeConstraint? {
            diagnostics.append(.error("Invalid type specification", detail: msg, at: file.sourceRange(r)))
            return nil
        }
        // Legacy quoted types (Terraform 0.11): "string", "list", "map".
        if let s = e.stringLiteral {
            switch s {
            case "string": return .string
            case "list": return .list(.any)
            case "map": return .map(.any)
            default: return fail("Invalid legacy variable type hint \(Value.string(s).jsonString).", e.range)
            }
        }
        switch e.kind {
        case .scopeTraversal(let t) where t.steps.count == 1:
            switch t.rootName {
            case "string": return .string
            case "number": return .number
            case "bool": return .bool
            case "any": return .any
            case "list": return .list(.any)
            case "map": return .map(.any)
            case "set": return .set(.any)
            default: return fail("The keyword \(Value.string(t.rootName).jsonString) is not a valid type specification.", e.range)
            }
        case .functionCall(let c):
            switch c.name {
            case "list", "set", "map":
                guard c.arguments.count == 1, let inner = parse(c.arguments[0], file: file, diagnostics: &diagnostics) else {
                    return c.arguments.count == 1 ? nil : fail("The \(c.name) type constructor requires one argument specifying the element type.", e.range)
                }
                return c.name == "list" ? .list(inner) : c.name == "set" ? .set(inner) : .map(inner)
            case "tuple":
                guard c.arguments.count == 1, case .tuple(let items) = c.arguments[0].kind else {
                    return fail("The tuple type constructor requires one argument specifying the element types as a list.", e.range)
                }
                var ts: [TypeConstraint] = []
                for it in items {
                    guard let t = parse(it, file: file, diagnostics: &diagnostics) else { return nil }
                    ts.append(t)
                }
                return .tuple(ts)
            case "object":
                guard c.arguments.count == 1, case .object(let items) = c.arguments[0].kind else {
                    return fail("The object type constructor requires one argument specifying the attribute types as a map.", e.range)
                }
                var attrs: [String: TypeConstraint.Attribute] = [:]
                for it in items {
                    guard let name = it.keyword ?? it.key.stringLiteral else {
                        return fail("Object constructor map keys must be attribute names.", it.key.range)
                    }
                    if case .functionCall(let oc) = it.value.kind, oc.name == "optional" {
                        guard (1...2).contains(oc.arguments.count), let t = parse(oc.arguments[0], file: file, diagnostics: &diagnostics) else {
                            return oc.arguments.count == 0 || oc.arguments.count > 2 ? fail("The optional modifier requires the attribute type and, optionally, a default value.", it.value.range) : nil
                        }
                        var def: Value? = nil
                        if oc.arguments.count == 2 {
                            let (v, d) = oc.arguments[1].evaluate(in: EvalContext(functions: TerraformFunctions.pure), lines: file.lineTable)
                            diagnostics += d
                            switch t.convert(v) {
                            case .success(let cv): def = cv
                            case .failure(let err):
                                diagnostics.append(.error("Invalid default value for optional attribute", detail: "\(err).", at: file.sourceRange(oc.arguments[1].range)))
                            }
                        }
                        attrs[name] = .init(t, optional: true, defaultValue: def)
                    } else {
                        guard let t = parse(it.value, file: file, diagnostics: &diagnostics) else { return nil }
                        attrs[name] = .init(t)
                    }
                }
                return .object(attrs)
            default:
                return fail("Keyword \(Value.string(c.name).jsonString) is not a valid type constructor.", c.nameRange)
            }
        default:
            return fail("A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).", e.range)
        }
    }
}
