import Foundation
import HCL

/// Numeric functions (cty `stdlib/number.go`, Terraform `lang/funcs/number.go`).
enum NumericFunctions {
    static let all: [String: Function] = [
        "min": Function(parameters: [], variadic: .init("numbers")) { a throws(FunctionError) in
            try extreme(a, pickLess: true)
        },
        "max": Function(parameters: [], variadic: .init("numbers")) { a throws(FunctionError) in
            try extreme(a, pickLess: false)
        },
        "abs": Function("num") { a throws(FunctionError) in
            let n = try Arg.number(a, 0, "num")
            return .number(n < Number(0) ? -n : n)
        },
        "ceil": Function("num") { a throws(FunctionError) in
            .number(Number(try Arg.number(a, 0, "num").doubleValue.rounded(.up)))
        },
        "floor": Function("num") { a throws(FunctionError) in
            let n = try Arg.number(a, 0, "num")
            if n.isInteger { return .number(n) }
            return .number(Number(n.doubleValue.rounded(.down)))
        },
        "pow": Function("num", "power") { a throws(FunctionError) in
            let x = try Arg.number(a, 0, "num"), y = try Arg.number(a, 1, "power")
            // Exact for small integer powers (pow(2, 10) = 1024, not 1024.0000001).
            if x.isInteger, let e = y.intValue, e >= 0, e <= 64 {
                var r = Number(1)
                for _ in 0..<e { r = r * x }
                return .number(r)
            }
            return .number(Number(Foundation.pow(x.doubleValue, y.doubleValue)))
        },
        "signum": Function("num") { a throws(FunctionError) in
            let n = try Arg.number(a, 0, "num")
            return .number(n.isZero ? 0 : (n < Number(0) ? -1 : 1))
        },
        "log": Function("num", "base") { a throws(FunctionError) in
            let x = try Arg.number(a, 0, "num").doubleValue, b = try Arg.number(a, 1, "base").doubleValue
            return .number(Number(Foundation.log(x) / Foundation.log(b)))
        },
        "parseint": Function("number", "base") { a throws(FunctionError) in
            let s = try Arg.string(a, 0, "number")
            let base = try Arg.int(a, 1, "base")
            guard (2...62).contains(base) else {
                throw FunctionError("base must be a whole number between 2 and 62 inclusive", argument: 1)
            }
            guard let n = parseInt(s, base: base) else {
                throw FunctionError("cannot parse \(Value.string(s).jsonString) as a base \(base) integer", argument: 0)
            }
            return .number(n)
        },
    ]

    private static func extreme(_ a: [Value], pickLess: Bool) throws(FunctionError) -> Value {
        guard !a.isEmpty else { throw FunctionError("must pass at least one number") }
        var best = try Arg.number(a, 0, "numbers")
        for i in a.indices.dropFirst() {
            let n = try Arg.number(a, i, "numbers")
            if pickLess ? n < best : best < n { best = n }
        }
        return .number(best)
    }

    /// Go's `big.Int.SetString(s, base)` (no prefixes, optional sign): digits 0-9, then
    /// letters; for bases up to 36 letters are case-insensitive, above 36 lower-case letters
    /// are 10–35 and upper-case 36–61.
    static func parseInt(_ s: String, base: Int) -> Number? {
        var u = Array(s.utf8)
        var negative = false
        if let f = u.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            u.removeFirst()
        }
        guard !u.isEmpty else { return nil }
        var exact: (value: UInt64, ok: Bool) = (0, true)
        var approx = 0.0
        for c in u {
            var d: Int
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(c) - 48
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = Int(c) - 97 + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = Int(c) - 65 + (base <= 36 ? 10 : 36)
            default: return nil
            }
            guard d < base else { return nil }
            approx = approx * Double(base) + Double(d)
            if exact.ok {
                let (m, o1) = exact.value.multipliedReportingOverflow(by: UInt64(base))
                let (r, o2) = m.addingReportingOverflow(UInt64(d))
                exact = (r, !(o1 || o2))
            }
        }
        if exact.ok {
            if !negative { return Number(exact.value) }
            if exact.value <= UInt64(Int64.max) { return Number(-Int64(exact.value)) }
            if exact.value == UInt64(Int64.max) + 1 { return Number(Int64.min) }
        }
        return Number(negative ? -approx : approx)
    }
}
