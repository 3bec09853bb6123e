/// The function library: operators, the standard definitions (langdef "Functions"), and the
/// strings, math and optional extensions (cel-go `ext/README.md`). Resolved by name, call
/// style and arity at planning time; each implementation switches on its argument types.
enum CELFunctions {
    enum Impl {
        case unary(@Sendable (CELValue) -> CELValue)
        case binary(@Sendable (CELValue, CELValue) -> CELValue)
        case nary(@Sendable ([CELValue]) -> CELValue)
    }

    enum Style { case global, receiver, both }

    static func isQualifiedGlobal(_ name: String) -> Bool {
        name.hasPrefix("optional.") || name.hasPrefix("math.") || name.hasPrefix("strings.")
    }

    static func lookup(_ name: String, receiver: Bool, arity: Int, limits: CELLimits) -> Impl? {
        if let e = table[key(name, arity)] {
            switch e.style {
            case .both: return e.impl
            case .global: return receiver ? nil : e.impl
            case .receiver: return receiver ? e.impl : nil
            }
        }
        if name == "math.greatest" || name == "math.least", arity >= 1 {
            let greatest = name == "math.greatest"
            return .nary { CELMath.extreme($0, greatest: greatest) }
        }
        if name == "matches" && arity == 2 {
            let maxSize = limits.maxRegexProgramSize
            return .binary { s, p in
                guard case .string(let str) = s, case .string(let pat) = p else { return .noOverload("matches", s, p) }
                switch CELRegex.compile(pat, maxProgramSize: maxSize) {
                case .success(let re): return .bool(re.matches(str))
                case .failure(let e): return .err(e.message)
                }
            }
        }
        return nil
    }

    static func key(_ name: String, _ arity: Int) -> String { "\(name)/\(arity)" }

    static let table: [String: (style: Style, impl: Impl)] = {
        var t: [String: (style: Style, impl: Impl)] = [:]
        func u(_ n: String, _ s: Style = .global, _ f: @escaping @Sendable (CELValue) -> CELValue) { t[key(n, 1)] = (s, .unary(f)) }
        func b(_ n: String, _ s: Style = .global, _ f: @escaping @Sendable (CELValue, CELValue) -> CELValue) { t[key(n, 2)] = (s, .binary(f)) }
        func n(_ n: String, _ arity: Int, _ s: Style = .global, _ f: @escaping @Sendable ([CELValue]) -> CELValue) { t[key(n, arity)] = (s, .nary(f)) }

        // Operators.
        b("_+_", .global, CELArithmetic.add)
        b("_-_", .global, CELArithmetic.subtract)
        b("_*_", .global, CELArithmetic.multiply)
        b("_/_", .global, CELArithmetic.divide)
        b("_%_", .global, CELArithmetic.modulo)
        u("-_", .global, CELArithmetic.negate)
        b("_==_") { .bool(CELValue.celEquals($0, $1)) }
        b("_!=_") { .bool(!CELValue.celEquals($0, $1)) }
        b("_<_") { CELArithmetic.compare($0, $1, "_<_") { $0 < 0 } }
        b("_<=_") { CELArithmetic.compare($0, $1, "_<=_") { $0 <= 0 } }
        b("_>_") { CELArithmetic.compare($0, $1, "_>_") { $0 > 0 } }
        b("_>=_") { CELArithmetic.compare($0, $1, "_>=_") { $0 >= 0 } }
        b("@in", .global, CELArithmetic.contains)

        // Standard functions.
        u("size", .both, size)
        b("contains", .both) { s, x in
            guard case .string(let a) = s, case .string(let b) = x else { return .noOverload("contains", s, x) }
            return .bool(b.isEmpty || a.utf8.firstRange(of: b.utf8) != nil)
        }
        b("startsWith", .both) { s, x in
            guard case .string(let a) = s, case .string(let b) = x else { return .noOverload("startsWith", s, x) }
            return .bool(a.utf8.starts(with: b.utf8))
        }
        b("endsWith", .both) { s, x in
            guard case .string(let a) = s, case .string(let b) = x else { return .noOverload("endsWith", s, x) }
            return .bool(a.utf8.reversed().starts(with: b.utf8.reversed()))
        }
        u("int", .global, CELConversions.toInt)
        u("uint", .global, CELConversions.toUint)
        u("double", .global, CELConversions.toDouble)
        u("string", .global, CELConversions.toString)
        u("bytes", .global, CELConversions.toBytes)
        u("bool", .global, CELConversions.toBool)
        u("dyn") { $0 }
        u("type") { .type($0.type) }
        u("timestamp", .global, CELConversions.toTimestamp)
        u("duration", .global, CELConversions.toDuration)

        // Timestamp and duration getters, with and without a time zone.
        for (name, getter) in CELTimeGetters.all {
            u(name, .receiver) { CELTimeGetters.get(getter, $0, nil) }
            b(name, .receiver) { CELTimeGetters.get(getter, $0, $1) }
        }

        // Strings extension.
        CELStringFunctions.register(u, b, n)
        // Math extension.
        CELMath.register(u, b)
        // Optional values.
        u("optional.of") { .optional($0) }
        u("optional.ofNonZeroValue") { CELOptional.isZero($0) ? .optional(nil) : .optional($0) }
        t[key("optional.none", 0)] = (.global, .nary { _ in .optional(nil) })
        u("hasValue", .receiver) { o in
            guard case .optional(let v) = o else { return .noOverload("hasValue", o) }
            return .bool(v != nil)
        }
        u("value", .receiver) { o in
            guard case .optional(let v) = o else { return .noOverload("value", o) }
            return v ?? .err("optional.none() dereference")
        }
        b("or", .receiver) { o, p in
            guard case .optional(let v) = o, case .optional = p else { return .noOverload("or", o, p) }
            return v != nil ? o : p
        }
        b("orValue", .receiver) { o, d in
            guard case .optional(let v) = o else { return .noOverload("orValue", o, d) }
            return v ?? d
        }
        u("optional.unwrap", .global, CELOptional.unwrap)
        u("unwrapOpt", .receiver, CELOptional.unwrap)
        return t
    }()

    @Sendable static func size(_ v: CELValue) -> CELValue {
        switch v {
        case .string(let s): return .int(Int64(s.unicodeScalars.count))
        case .bytes(let b): return .int(Int64(b.count))
        case .list(let l): return .int(Int64(l.count))
        case .map(let m): return .int(Int64(m.count))
        default: return .noOverload("size", v)
        }
    }
}

enum CELOptional {
    static func isZero(_ v: CELValue) -> Bool {
        switch v {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .uint(let u): return u == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let b): return b.isEmpty
        case .list(let l): return l.isEmpty
        case .map(let m): return m.count == 0
        case .duration(let d): return d.seconds == 0 && d.nanos == 0
        case .timestamp(let t): return t.seconds == 0 && t.nanos == 0
        default: return false
        }
    }

    @Sendable static func unwrap(_ v: CELValue) -> CELValue {
        guard case .list(let l) = v else { return .noOverload("optional.unwrap", v) }
        var out: [CELValue] = []
        for e in l {
            guard case .optional(let x) = e else { return .noOverload("optional.unwrap", e) }
            if let x { out.append(x) }
        }
        return .list(out)
    }
}

/// Arithmetic and comparison operators (langdef "Arithmetic", "Ordering"); int and uint
/// overflow and division by zero are errors; there is no implicit numeric conversion.
enum CELArithmetic {
    static let overflow = CELValue.err("integer overflow")
    static let uoverflow = CELValue.err("unsigned integer overflow")

    @Sendable static func add(_ a: CELValue, _ b: CELValue) -> CELValue {
        switch (a, b) {
        case let (.int(x), .int(y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? overflow : .int(r)
        case let (.uint(x), .uint(y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? uoverflow : .uint(r)
        case let (.double(x), .double(y)): return .double(x + y)
        case let (.string(x), .string(y)): return .string(x + y)
        case let (.bytes(x), .bytes(y)): return .bytes(x + y)
        case let (.list(x), .list(y)): return .list(x + y)
        case let (.timestamp(t), .duration(d)), let (.duration(d), .timestamp(t)):
            return CELTimestamp(seconds: t.seconds &+ d.seconds, nanos: t.nanos + d.nanos).map { .timestamp($0) } ?? .err("timestamp overflow")
        case let (.duration(x), .duration(y)):
            guard let r = x.adding(y), r.fitsInt64Nanos else { return overflow }
            return .duration(r)
        default: return .noOverload("_+_", a, b)
        }
    }

    @Sendable static func subtract(_ a: CELValue, _ b: CELValue) -> CELValue {
        switch (a, b) {
        case let (.int(x), .int(y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? overflow : .int(r)
        case let (.uint(x), .uint(y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? uoverflow : .uint(r)
        case let (.double(x), .double(y)): return .double(x - y)
        case let (.timestamp(t), .duration(d)):
            return CELTimestamp(seconds: t.seconds &- d.seconds, nanos: t.nanos - d.nanos).map { .timestamp($0) } ?? .err("timestamp overflow")
        case let (.timestamp(x), .timestamp(y)):
            guard let r = CELDuration(seconds: x.seconds - y.seconds, nanos: Int64(x.nanos) - Int64(y.nanos)), r.fitsInt64Nanos else { return overflow }
            return .duration(r)
        case let (.duration(x), .duration(y)):
            guard let r = x.adding(y.negated), r.fitsInt64Nanos else { return overflow }
            return .duration(r)
        default: return .noOverload("_-_", a, b)
        }
    }

    @Sendable static func multiply(_ a: CELValue, _ b: CELValue) -> CELValue {
        switch (a, b) {
        case let (.int(x), .int(y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? overflow : .int(r)
        case let (.uint(x), .uint(y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? uoverflow : .uint(r)
        case let (.double(x), .double(y)): return .double(x * y)
        default: return .noOverload("_*_", a, b)
        }
    }

    @Sendable static func divide(_ a: CELValue, _ b: CELValue) -> CELValue {
        switch (a, b) {
        case let (.int(x), .int(y)):
            if y == 0 { return .err("divide by zero") }
            let (r, o) = x.dividedReportingOverflow(by: y)
            return o ? overflow : .int(r)
        case let (.uint(x), .uint(y)):
            if y == 0 { return .err("divide by zero") }
            return .uint(x / y)
        case let (.double(x), .double(y)): return .double(x / y)
        default: return .noOverload("_/_", a, b)
        }
    }

    @Sendable static func modulo(_ a: CELValue, _ b: CELValue) -> CELValue {
        switch (a, b) {
        case let (.int(x), .int(y)):
            if y == 0 { return .err("modulus by zero") }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y)
            return o ? overflow : .int(r)
        case let (.uint(x), .uint(y)):
            if y == 0 { return .err("modulus by zero") }
            return .uint(x % y)
        default: return .noOverload("_%_", a, b)
        }
    }

    @Sendable static func negate(_ a: CELValue) -> CELValue {
        switch a {
        case .int(let x): return x == Int64.min ? overflow : .int(-x)
        case .double(let x): return .double(-x)
        default: return .noOverload("-_", a)
        }
    }

    static func compare(_ a: CELValue, _ b: CELValue, _ op: String, _ test: (Int) -> Bool) -> CELValue {
        if let c = CELValue.celCompare(a, b) { return .bool(test(c)) }
        // NaN is unordered: every comparison with it is false, not an error.
        switch (a, b) {
        case (.double, .double), (.double, .int), (.double, .uint), (.int, .double), (.uint, .double):
            return .bool(false)
        default: return .noOverload(op, a, b)
        }
    }

    @Sendable static func contains(_ x: CELValue, _ c: CELValue) -> CELValue {
        switch c {
        case .list(let l):
            for e in l where CELValue.celEquals(e, x) { return .bool(true) }
            return .bool(false)
        case .map(let m):
            switch x {
            case .string, .int, .uint, .bool, .double: return .bool(m.lookup(x) != nil)
            default: return .bool(false)
            }
        default: return .noOverload("@in", x, c)
        }
    }
}

/// Type conversions (langdef "Type Conversions").
enum CELConversions {
    @Sendable static func toInt(_ v: CELValue) -> CELValue {
        switch v {
        case .int: return v
        case .uint(let u): return u <= UInt64(Int64.max) ? .int(Int64(u)) : .err("uint64 out of int64 range")
        case .double(let d):
            // Valid when the truncated value is representable (NaN and ±Inf are not).
            guard d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775808e18 else {
                return .err("double out of int64 range")
            }
            return .int(Int64(d))
        case .string(let s):
            guard let i = Int64(CELFormat.trimASCIISpace(s)) else { return .err("cannot convert string '\(s)' to int") }
            return .int(i)
        case .timestamp(let t): return .int(t.seconds)
        case .bool(let b): return .int(b ? 1 : 0)
        default: return .noOverload("int", v)
        }
    }

    @Sendable static func toUint(_ v: CELValue) -> CELValue {
        switch v {
        case .uint: return v
        case .int(let i): return i >= 0 ? .uint(UInt64(i)) : .err("int64 out of uint64 range")
        case .double(let d):
            guard d.isFinite, d >= 0, d < 1.8446744073709551616e19 else { return .err("double out of uint64 range") }
            return .uint(UInt64(d))
        case .string(let s):
            guard let u = UInt64(CELFormat.trimASCIISpace(s)) else { return .err("cannot convert string '\(s)' to uint") }
            return .uint(u)
        default: return .noOverload("uint", v)
        }
    }

    @Sendable static func toDouble(_ v: CELValue) -> CELValue {
        switch v {
        case .double: return v
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
            guard let d = CELFormat.parseDouble(s) else { return .err("cannot convert string '\(s)' to double") }
            return .double(d)
        default: return .noOverload("double", v)
        }
    }

    @Sendable static func toString(_ v: CELValue) -> CELValue {
        switch v {
        case .string: return v
        case .int(let i): return .string(String(i))
        case .uint(let u): return .string(String(u))
        case .double(let d): return .string(CELFormat.doubleToString(d))
        case .bool(let b): return .string(b ? "true" : "false")
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else { return .err("invalid UTF-8 in bytes, cannot convert to string") }
            return .string(s)
        case .timestamp(let t): return .string(t.rfc3339)
        case .duration(let d): return .string(d.text)
        default: return .noOverload("string", v)
        }
    }

    @Sendable static func toBytes(_ v: CELValue) -> CELValue {
        switch v {
        case .bytes: return v
        case .string(let s): return .bytes(Array(s.utf8))
        default: return .noOverload("bytes", v)
        }
    }

    @Sendable static func toBool(_ v: CELValue) -> CELValue {
        switch v {
        case .bool: return v
        case .string(let s):
            switch s {
            case "true", "True", "TRUE", "t", "1": return .bool(true)
            case "false", "False", "FALSE", "f", "0": return .bool(false)
            default: return .err("type conversion error from 'string' to 'bool'")
            }
        default: return .noOverload("bool", v)
        }
    }

    @Sendable static func toTimestamp(_ v: CELValue) -> CELValue {
        switch v {
        case .timestamp: return v
        case .string(let s):
            guard let t = CELTimestamp(rfc3339: s) else {
                // Distinguish a well-formed date outside the range from garbage, as the reference does.
                return .err("string to timestamp conversion failed: '\(s)'")
            }
            return .timestamp(t)
        case .int(let i):
            return CELTimestamp(seconds: i).map { .timestamp($0) } ?? .err("timestamp overflow")
        default: return .noOverload("timestamp", v)
        }
    }

    @Sendable static func toDuration(_ v: CELValue) -> CELValue {
        switch v {
        case .duration: return v
        case .string(let s):
            guard let d = CELDuration(goSyntax: s) else { return .err("string to duration conversion failed: '\(s)'") }
            return .duration(d)
        default: return .noOverload("duration", v)
        }
    }
}

/// `getFullYear`, `getHours`, … on timestamps (optionally in a time zone) and durations.
enum CELTimeGetters {
    enum Getter { case fullYear, month, date, dayOfMonth, dayOfYear, dayOfWeek, hours, minutes, seconds, milliseconds }

    static let all: [(String, Getter)] = [
        ("getFullYear", .fullYear), ("getMonth", .month), ("getDate", .date), ("getDayOfMonth", .dayOfMonth),
        ("getDayOfYear", .dayOfYear), ("getDayOfWeek", .dayOfWeek), ("getHours", .hours),
        ("getMinutes", .minutes), ("getSeconds", .seconds), ("getMilliseconds", .milliseconds),
    ]

    static func get(_ g: Getter, _ v: CELValue, _ tz: CELValue?) -> CELValue {
        switch v {
        case .timestamp(let t):
            var secs = t.seconds
            if let tz {
                guard case .string(let name) = tz else { return .noOverload("get", v, tz) }
                guard let off = CELTimeZone.offset(name, at: t.seconds) else { return .err("invalid timezone: '\(name)'") }
                secs += Int64(off)
            }
            let c = CivilDate(seconds: secs)
            switch g {
            case .fullYear: return .int(Int64(c.year))
            case .month: return .int(Int64(c.month - 1))
            case .date: return .int(Int64(c.day))
            case .dayOfMonth: return .int(Int64(c.day - 1))
            case .dayOfYear: return .int(Int64(c.dayOfYear))
            case .dayOfWeek: return .int(Int64(c.dayOfWeek))
            case .hours: return .int(Int64(c.hour))
            case .minutes: return .int(Int64(c.minute))
            case .seconds: return .int(Int64(c.second))
            case .milliseconds: return .int(Int64(t.nanos / 1_000_000))
            }
        case .duration(let d):
            guard tz == nil else { return .noOverload("get", v, tz!) }
            switch g {
            case .hours: return .int(d.seconds / 3600)
            case .minutes: return .int(d.seconds / 60)
            case .seconds: return .int(d.seconds)
            case .milliseconds: return .int(Int64(d.nanos / 1_000_000))
            default: return .noOverload("get", v)
            }
        default:
            return .noOverload("get", v)
        }
    }
}
