import HCL

/// Type conversion functions and sensitivity marks (Terraform `lang/funcs/conversion.go`,
/// `sensitive.go`). `try`/`can` are special forms handled by the evaluator.
enum TypeFunctions {
    static let all: [String: Function] = [
        "tostring": Function(parameters: [.init("v", allowNull: true)]) { a throws(FunctionError) in
            switch a[0] {
            case .null: return .null
            case .string, .number, .bool: return .string(a[0].convertedToString!)
            default: throw FunctionError("cannot convert \(a[0].typeName) to string", argument: 0)
            }
        },
        "tonumber": Function(parameters: [.init("v", allowNull: true)]) { a throws(FunctionError) in
            switch a[0] {
            case .null: return .null
            case .number: return a[0]
            case .string(let s):
                guard let n = Number(literal: s) else {
                    throw FunctionError("cannot convert \(Value.string(s).jsonString) to number; given string must be a decimal representation of a number", argument: 0)
                }
                return .number(n)
            default: throw FunctionError("cannot convert \(a[0].typeName) to number", argument: 0)
            }
        },
        "tobool": Function(parameters: [.init("v", allowNull: true)]) { a throws(FunctionError) in
            switch a[0] {
            case .null: return .null
            case .bool: return a[0]
            case .string("true"): return .true
            case .string("false"): return .false
            case .string(let s):
                throw FunctionError("cannot convert \(Value.string(s).jsonString) to bool; only the strings \"true\" or \"false\" are allowed", argument: 0)
            default: throw FunctionError("cannot convert \(a[0].typeName) to bool", argument: 0)
            }
        },
        "tolist": conversion(.list(.any), "list"),
        "toset": conversion(.set(.any), "set"),
        "tomap": conversion(.map(.any), "map"),
        "sensitive": Function(parameters: [.init("value", allowNull: true, allowUnknown: true, allowSensitive: true)]) { a throws(FunctionError) in
            a[0].markedSensitive()
        },
        "nonsensitive": Function(parameters: [.init("value", allowNull: true, allowUnknown: true, allowSensitive: true)]) { a throws(FunctionError) in
            a[0].deepUnmarked
        },
        "issensitive": Function(parameters: [.init("value", allowNull: true, allowUnknown: true, allowSensitive: true)]) { a throws(FunctionError) in
            .bool(a[0].containsSensitive)
        },
        // `type()` exists only in `terraform console`; we return the type's text for debugging.
        "type": Function(parameters: [.init("value", allowNull: true, allowUnknown: true)]) { a throws(FunctionError) in
            .string(typeText(a[0]))
        },
    ]

    private static func conversion(_ target: TypeConstraint, _ name: String) -> Function {
        Function(parameters: [.init("v", allowNull: true)]) { a throws(FunctionError) in
            switch target.convert(a[0]) {
            case .success(let v): return v
            case .failure(let e):
                throw FunctionError("cannot convert \(a[0].typeName) to \(name): \(e)", argument: 0)
            }
        }
    }

    /// The type of a value as Terraform prints it (`tuple([string, number])`, `object({a=bool})`).
    static func typeText(_ v: Value) -> String {
        switch v {
        case .null, .unknown: return "dynamic"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .sensitive(let x): return typeText(x)
        case .tuple(let e): return "tuple([\(e.map(typeText).joined(separator: ", "))])"
        case .list(let e): return "list(\(e.first.map(typeText) ?? "dynamic"))"
        case .set(let e): return "set(\(e.first.map(typeText) ?? "dynamic"))"
        case .map(let m): return "map(\(m.keys.sorted().first.map { typeText(m[$0]!) } ?? "dynamic"))"
        case .object(let m): return "object({\(m.keys.sorted().map { "\($0)=\(typeText(m[$0]!))" }.joined(separator: ", "))})"
        }
    }
}
