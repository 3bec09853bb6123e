import HCL

/// Terraform's built-in function library (https://developer.hashicorp.com/terraform/language/functions),
/// with cty's semantics, as `Function`s for the HCL evaluator.
///
/// The evaluator enforces arity, propagates top-level unknowns and sensitive marks, and turns
/// a thrown `FunctionError` into an "Invalid function argument" diagnostic at the call. What
/// the implementations handle themselves: argument types (with cty's primitive conversions),
/// unknowns nested inside collections, and Terraform's exact results and error messages.
///
/// `try` and `can` are not here: they take unevaluated expressions, so the evaluator treats
/// them as special forms. `timestamp`, `plantimestamp`, `uuid`, `bcrypt` are always unknown
/// (their values exist only at apply time).
package enum TerraformFunctions {
    /// Renders a template (for `templatefile`/`templatestring`): template text, the file name
    /// for diagnostics, and the variables. Supplied by the configuration evaluator, which owns
    /// the HCL template parser.
    package typealias TemplateRenderer = @Sendable (_ template: String, _ filename: String, _ variables: [String: Value]) throws(FunctionError) -> Value

    /// The whole library.
    /// - Parameters:
    ///   - baseDirectory: the directory relative paths resolve against (Terraform: the working
    ///     directory, i.e. the root module's directory).
    ///   - scanRoot: file functions may not read outside this directory (after resolving symlinks).
    ///   - templateRenderer: renders `templatefile` templates; without one those calls are unknown.
    package static func library(
        baseDirectory: String, scanRoot: String, templateRenderer: TemplateRenderer? = nil
    ) -> [String: Function] {
        var all: [String: Function] = [:]
        for family in [
            StringFunctions.all, CollectionFunctions.all, NumericFunctions.all, TypeFunctions.all,
            EncodingFunctions.all, IPFunctions.all, HashFunctions.all, ApplyTimeFunctions.all,
            FileFunctions(baseDirectory: baseDirectory, scanRoot: scanRoot, templateRenderer: templateRenderer).all,
        ] {
            all.merge(family) { a, _ in a }
        }
        return all
    }

    /// The pure functions only (no file access): for contexts without a directory, e.g. tests
    /// and `tfvars` evaluation.
    package static var pure: [String: Function] {
        var all: [String: Function] = [:]
        for family in [
            StringFunctions.all, CollectionFunctions.all, NumericFunctions.all, TypeFunctions.all,
            EncodingFunctions.all, IPFunctions.all, HashFunctions.all, ApplyTimeFunctions.all,
        ] {
            all.merge(family) { a, _ in a }
        }
        return all
    }
}

/// `timestamp()`, `uuid()` … : values that exist only at apply time are unknown at plan time.
enum ApplyTimeFunctions {
    static let all: [String: Function] = [
        "timestamp": Function(parameters: [], alwaysUnknown: true) { _ throws(FunctionError) in .unknown("timestamp()") },
        "plantimestamp": Function(parameters: [], alwaysUnknown: true) { _ throws(FunctionError) in .unknown("plantimestamp()") },
        "uuid": Function(parameters: [], alwaysUnknown: true) { _ throws(FunctionError) in .unknown("uuid()") },
        "bcrypt": Function(parameters: [.init("str")], variadic: .init("cost"), alwaysUnknown: true) { _ throws(FunctionError) in .unknown("bcrypt()") },
    ]
}

// MARK: - Argument helpers

/// Typed access to arguments with cty's implicit conversions and messages.
enum Arg {
    static func string(_ a: [Value], _ i: Int, _ name: String) throws(FunctionError) -> String {
        guard let s = a[i].convertedToString else {
            throw FunctionError("string required", argument: i)
        }
        return s
    }

    static func number(_ a: [Value], _ i: Int, _ name: String) throws(FunctionError) -> Number {
        guard let n = a[i].convertedToNumber else {
            throw FunctionError("number required", argument: i)
        }
        return n
    }

    /// A whole number that fits `Int` (cty: "must be a whole number").
    static func int(_ a: [Value], _ i: Int, _ name: String) throws(FunctionError) -> Int {
        let n = try number(a, i, name)
        guard n.isInteger, let v = n.intValue ?? (n.doubleValue.magnitude < 9.2e18 ? Int(n.doubleValue) : nil) else {
            throw FunctionError("value must be a whole number", argument: i)
        }
        return v
    }

    static func bool(_ a: [Value], _ i: Int, _ name: String) throws(FunctionError) -> Bool {
        guard let b = a[i].convertedToBool else {
            throw FunctionError("bool required", argument: i)
        }
        return b
    }

    /// Elements of a list, tuple or set.
    static func elements(_ a: [Value], _ i: Int, _ name: String, what: String = "list") throws(FunctionError) -> [Value] {
        guard let e = a[i].elements else {
            throw FunctionError("\(what) of any single type required", argument: i)
        }
        return e
    }

    /// Attributes of a map or object.
    static func attributes(_ a: [Value], _ i: Int, _ name: String) throws(FunctionError) -> ValueObject {
        guard let m = a[i].attributes else {
            throw FunctionError("map of any single type required", argument: i)
        }
        return m
    }

    /// The first unknown nested anywhere in `values`, as a value (to return as the result
    /// of a function that needs wholly known arguments).
    static func firstUnknown(_ values: [Value]) -> Value? {
        for v in values {
            if let u = firstUnknown(in: v) { return u }
        }
        return nil
    }

    static func firstUnknown(in v: Value) -> Value? {
        switch v {
        case .unknown: return v
        case .sensitive(let x): return firstUnknown(in: x)
        case .tuple(let a), .list(let a), .set(let a): return firstUnknown(a)
        case .object(let m), .map(let m):
            for k in m.keys.sorted() {
                if let u = firstUnknown(in: m[k]!) { return u }
            }
            return nil
        default: return nil
        }
    }

    /// A list result: `.list` of the values.
    static func list(_ v: [Value]) -> Value { .list(v) }
    static func strings(_ v: [String]) -> Value { .list(v.map(Value.string)) }
}

extension Function {
    /// Shorthand: positional parameters by name with default options.
    init(_ names: String..., variadic: Function.Parameter? = nil,
         impl: @escaping @Sendable (_ arguments: [Value]) throws(FunctionError) -> Value) {
        self.init(parameters: names.map { Function.Parameter($0) }, variadic: variadic, implementation: impl)
    }
}
