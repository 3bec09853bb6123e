import Foundation

/// An HCL/Terraform number.
///
/// Precision (decided here, documented in docs/architecture.md): integers are exact in
/// [-2^63, 2^64-1] (`Int64`, with `UInt64` for the positive values beyond `Int64.max`);
/// everything else is an IEEE 754 double. cty uses 512-bit big floats; real configurations
/// never need more than this, and doubles print decimal literals such as `0.1` back exactly
/// (shortest round-trip representation).
///
/// Canonical form: a double with an integral value that fits is stored as an integer, so
/// `1 == 1.0` and both hash alike (cty's numeric equality).
public struct Number: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Storage: Hashable, Sendable {
        case int(Int64)
        case uint(UInt64)      // only for values > Int64.max
        case double(Double)
    }

    public let storage: Storage

    public init(_ i: Int) { storage = .int(Int64(i)) }
    public init(_ i: Int64) { storage = .int(i) }
    public init(_ u: UInt64) { storage = u <= UInt64(Int64.max) ? .int(Int64(u)) : .uint(u) }

    public init(_ d: Double) {
        if d == d.rounded(), d >= -9223372036854775808.0, d < 9223372036854775808.0 {
            storage = .int(Int64(d))
        } else if d == d.rounded(), d >= 9223372036854775808.0, d < 18446744073709551616.0 {
            storage = .uint(UInt64(d))
        } else {
            storage = .double(d)
        }
    }

    /// Parses an HCL/JSON number literal (`12`, `-3`, `1.5`, `1e10`, `2.5E-3`). Nil if malformed.
    public init?(literal: some StringProtocol) {
        if let i = Int64(literal) { self.init(i); return }
        if let u = UInt64(literal) { self.init(u); return }
        guard let d = Double(literal), d.isFinite else { return nil }
        self.init(d)
    }

    public var doubleValue: Double {
        switch storage {
        case .int(let i): Double(i)
        case .uint(let u): Double(u)
        case .double(let d): d
        }
    }

    /// The exact integer value, when this number is an integer that fits `Int`.
    public var intValue: Int? {
        if case .int(let i) = storage { return Int(i) }
        return nil
    }

    public var isInteger: Bool {
        switch storage {
        case .int, .uint: true
        case .double(let d): d == d.rounded() && d.isFinite
        }
    }

    public var isFinite: Bool {
        if case .double(let d) = storage { return d.isFinite }
        return true
    }

    /// Decimal text as Terraform prints a number in a string (`tostring(1.5)` = "1.5",
    /// `tostring(10)` = "10"). Large integral doubles are printed without an exponent, as
    /// cty's `big.Float.Text('f', -1)` does.
    public var description: String {
        switch storage {
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d):
            if !d.isFinite { return d > 0 ? "Infinity" : (d < 0 ? "-Infinity" : "NaN") }
            if d == d.rounded(), abs(d) < 1e21 {
                return String(format: "%.0f", d)
            }
            return String(d)
        }
    }

    public static func < (a: Number, b: Number) -> Bool {
        switch (a.storage, b.storage) {
        case (.int(let x), .int(let y)): x < y
        case (.uint(let x), .uint(let y)): x < y
        case (.int, .uint): true
        case (.uint, .int): false
        default: a.doubleValue < b.doubleValue
        }
    }

    // MARK: arithmetic (exact on integers, falling back to doubles on overflow)

    public static func + (a: Number, b: Number) -> Number {
        if case .int(let x) = a.storage, case .int(let y) = b.storage {
            let (r, o) = x.addingReportingOverflow(y)
            if !o { return Number(r) }
            return Number(wide: Int128(x) + Int128(y))
        }
        return Number(a.doubleValue + b.doubleValue)
    }

    public static func - (a: Number, b: Number) -> Number {
        if case .int(let x) = a.storage, case .int(let y) = b.storage {
            let (r, o) = x.subtractingReportingOverflow(y)
            if !o { return Number(r) }
            return Number(wide: Int128(x) - Int128(y))
        }
        return Number(a.doubleValue - b.doubleValue)
    }

    public static func * (a: Number, b: Number) -> Number {
        if case .int(let x) = a.storage, case .int(let y) = b.storage {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if !o { return Number(r) }
            let (w, o2) = Int128(x).multipliedReportingOverflow(by: Int128(y))
            if !o2 { return Number(wide: w) }
        }
        return Number(a.doubleValue * b.doubleValue)
    }

    /// Division; the caller reports division by zero (HCL: "Divide by zero" is an error).
    public static func / (a: Number, b: Number) -> Number {
        if case .int(let x) = a.storage, case .int(let y) = b.storage, y != 0, x % y == 0, !(x == .min && y == -1) {
            return Number(x / y)
        }
        return Number(a.doubleValue / b.doubleValue)
    }

    /// Modulo as cty defines it: the result has the sign of the dividend (like Go's `%`
    /// on integers, `math.Mod` on fractions).
    public static func % (a: Number, b: Number) -> Number {
        if case .int(let x) = a.storage, case .int(let y) = b.storage, y != 0, !(x == .min && y == -1) {
            return Number(x % y)
        }
        return Number(a.doubleValue.truncatingRemainder(dividingBy: b.doubleValue))
    }

    public static prefix func - (a: Number) -> Number {
        switch a.storage {
        case .int(let x) where x != .min: return Number(-x)
        case .int: return Number(UInt64(Int64.max) + 1)
        case .uint(let u) where u == UInt64(Int64.max) + 1: return Number(Int64.min)
        default: return Number(-a.doubleValue)
        }
    }

    public var isZero: Bool {
        switch storage {
        case .int(let i): i == 0
        case .uint: false
        case .double(let d): d == 0
        }
    }

    private init(wide: Int128) {
        if let i = Int64(exactly: wide) { self.init(i) }
        else if let u = UInt64(exactly: wide) { self.init(u) }
        else { self.init(Double(wide)) }
    }
}
