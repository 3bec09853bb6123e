import HCL

/// A Terraform type constraint (https://developer.hashicorp.com/terraform/language/expressions/type-constraints):
/// the `type` of a variable, and the targets of `tolist`/`toset`/`tomap`.
package indirect enum TypeConstraint: Hashable, Sendable, CustomStringConvertible {
    case any
    case string, number, bool
    case list(TypeConstraint)
    case set(TypeConstraint)
    case map(TypeConstraint)
    case tuple([TypeConstraint])
    case object([String: Attribute])

    package struct Attribute: Hashable, Sendable {
        package var type: TypeConstraint
        /// `optional(type)` or `optional(type, default)`.
        package var optional: Bool
        /// The default of `optional(type, default)`, already evaluated.
        package var defaultValue: Value?

        package init(_ type: TypeConstraint, optional: Bool = false, defaultValue: Value? = nil) {
            self.type = type
            self.optional = optional
            self.defaultValue = defaultValue
        }
    }

    /// As Terraform writes it: `list(string)`, `object({a=string, b=optional(number)})`.
    package var description: String {
        switch self {
        case .any: "any"
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .list(let t): "list(\(t))"
        case .set(let t): "set(\(t))"
        case .map(let t): "map(\(t))"
        case .tuple(let ts): "tuple([\(ts.map(\.description).joined(separator: ", "))])"
        case .object(let attrs):
            "object({" + attrs.keys.sorted().map { k in
                let a = attrs[k]!
                return a.optional ? "\(k)=optional(\(a.type))" : "\(k)=\(a.type)"
            }.joined(separator: ", ") + "})"
        }
    }

    /// The noun cty uses in "… required" messages.
    var requirement: String {
        switch self {
        case .any: "a value"
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .list(let t): "list of \(t.requirement)"
        case .set(let t): "set of \(t.requirement)"
        case .map(let t): "map of \(t.requirement)"
        case .tuple: "tuple"
        case .object: "object"
        }
    }

    /// A conversion failure: where in the value (cty path, rendered as Terraform does:
    /// `attribute "a": element 0: `) and what.
    package struct ConversionError: Error, Hashable, Sendable, CustomStringConvertible {
        package var path: [String]
        package var message: String

        package var description: String {
            (path.map { $0 + ": " }.joined()) + message
        }
    }

    /// Converts `value` to this type following cty's `convert` rules: primitives convert
    /// between each other where the text allows (`"5"` → 5, 5 → `"5"`, `"true"` → true),
    /// tuples/lists/sets convert to lists/sets element-wise, objects/maps to maps, objects
    /// to objects attribute-wise (extra attributes are dropped; missing optional attributes
    /// take their default or null; missing required ones are errors). Null converts to any
    /// type; unknowns stay unknown; sensitive marks are kept.
    package func convert(_ value: Value) -> Result<Value, ConversionError> {
        do throws(ConversionError) {
            return .success(try convert(value, path: []))
        } catch {
            return .failure(error)
        }
    }

    func convert(_ value: Value, path: [String]) throws(ConversionError) -> Value {
        switch value {
        case .sensitive(let inner):
            return .sensitive(try convert(inner, path: path))
        case .unknown:
            return value
        case .null:
            // cty: a null object with defaults stays null (defaults apply to attributes).
            return .null
        default:
            break
        }
        func fail(_ msg: String? = nil) -> ConversionError {
            ConversionError(path: path, message: msg ?? "\(requirement) required")
        }
        switch self {
        case .any:
            return value
        case .string:
            switch value {
            case .string: return value
            case .number(let n): return .string(n.description)
            case .bool(let b): return .string(b ? "true" : "false")
            default: throw fail()
            }
        case .number:
            switch value {
            case .number: return value
            case .string(let s):
                guard let n = Number(literal: s) else { throw fail("a number is required") }
                return .number(n)
            default: throw fail("number required")
            }
        case .bool:
            switch value {
            case .bool: return value
            case .string("true"): return .true
            case .string("false"): return .false
            case .string: throw fail("a bool is required")
            default: throw fail("bool required")
            }
        case .list(let t), .set(let t):
            guard let elems = sequence(value) else { throw fail() }
            var out: [Value] = []
            out.reserveCapacity(elems.count)
            for (i, e) in elems.enumerated() {
                out.append(try t.convert(e, path: path + ["element \(i)"]))
            }
            if t == .any { out = try TypeConstraint.unify(out, path: path, what: "list") }
            if case .set = self { return Value.makeSet(out) }
            return .list(out)
        case .map(let t):
            guard let attrs = value.attributes else { throw fail() }
            var out: [String: Value] = [:]
            for k in attrs.keys.sorted() {
                out[k] = try t.convert(attrs[k]!, path: path + ["element \(Value.string(k).jsonString)"])
            }
            if t == .any {
                let keys = out.keys.sorted()
                let unified = try TypeConstraint.unify(keys.map { out[$0]! }, path: path, what: "map")
                out = Dictionary(uniqueKeysWithValues: zip(keys, unified))
            }
            return .map(out)
        case .tuple(let ts):
            guard let elems = sequence(value) else { throw fail() }
            guard elems.count == ts.count else { throw fail("tuple required") }
            var out: [Value] = []
            for (i, (e, t)) in zip(elems, ts).enumerated() {
                out.append(try t.convert(e, path: path + ["element \(i)"]))
            }
            return .tuple(out)
        case .object(let attrs):
            guard let given = value.attributes else { throw fail() }
            var out: [String: Value] = [:]
            for k in attrs.keys.sorted() {
                let a = attrs[k]!
                let p = path + ["attribute \(Value.string(k).jsonString)"]
                if let v = given[k], !v.isNull {
                    out[k] = try a.type.convert(v, path: p)
                } else if a.optional {
                    // Terraform 1.3+: an omitted or null optional attribute takes its default.
                    out[k] = try a.defaultValue.map { d throws(ConversionError) in try a.type.convert(d, path: p) } ?? .null
                } else if given[k] != nil {
                    out[k] = .null
                } else {
                    throw ConversionError(path: path, message: "attribute \(Value.string(k).jsonString) is required")
                }
            }
            return .object(out)
        }
    }

    private func sequence(_ v: Value) -> [Value]? {
        switch v {
        case .tuple(let a), .list(let a), .set(let a): a
        default: nil
        }
    }

    /// cty's unification for `list(any)`/`map(any)`: the elements must share one type; mixed
    /// primitives unify to string (`["a", 1]` → `["a", "1"]`), mixed kinds are an error.
    static func unify(_ values: [Value], path: [String], what: String) throws(ConversionError) -> [Value] {
        var kinds = Set<String>()
        for v in values where !v.isNull && v.isKnown {
            switch v.unmarked {
            case .string: kinds.insert("string")
            case .number: kinds.insert("number")
            case .bool: kinds.insert("bool")
            case .tuple, .list: kinds.insert("list")
            case .set: kinds.insert("set")
            case .object, .map: kinds.insert("map")
            default: break
            }
        }
        if kinds.count <= 1 { return values }
        if kinds.isSubset(of: ["string", "number", "bool"]) {
            return try values.map { v throws(ConversionError) in try TypeConstraint.string.convert(v, path: path) }
        }
        throw ConversionError(path: path, message: "all \(what) elements must have the same type")
    }
}
