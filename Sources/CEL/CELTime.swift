import Foundation

/// A point in time, nanosecond precision, in CEL's range 0001-01-01T00:00:00Z ...
/// 9999-12-31T23:59:59.999999999Z (langdef "Timestamps").
public struct CELTimestamp: Sendable, Hashable, Comparable {
    /// Seconds since the Unix epoch.
    public var seconds: Int64
    /// 0 ..< 1_000_000_000.
    public var nanos: Int32

    static let minSeconds: Int64 = -62_135_596_800
    static let maxSeconds: Int64 = 253_402_300_799

    public init?(seconds: Int64, nanos: Int32 = 0) {
        var s = seconds, n = Int64(nanos)
        s += n / 1_000_000_000; n %= 1_000_000_000
        if n < 0 { n += 1_000_000_000; s -= 1 }
        guard s >= Self.minSeconds && s <= Self.maxSeconds else { return nil }
        self.seconds = s
        self.nanos = Int32(n)
    }

    public static func < (a: Self, b: Self) -> Bool { (a.seconds, a.nanos) < (b.seconds, b.nanos) }

    /// RFC 3339 (`2024-01-01T00:00:00.5+01:00`); `t`/`z` may be lower case.
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8, _ alt: UInt8? = nil) -> Bool {
            guard i < b.count, b[i] == c || b[i] == alt else { return false }
            i += 1
            return true
        }
        guard let y = digits(4), expect(45), let mo = digits(2), expect(45), let d = digits(2),
              expect(84, 116), let h = digits(2), expect(58), let mi = digits(2), expect(58), let s = digits(2)
        else { return nil }
        var nanos = 0
        if i < b.count && b[i] == 46 {
            i += 1
            var count = 0
            while i < b.count, b[i] >= 48 && b[i] <= 57 {
                if count < 9 { nanos = nanos * 10 + Int(b[i] - 48) }
                count += 1; i += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanos *= 10 }
        }
        var offset = 0
        if i < b.count && (b[i] == 90 || b[i] == 122) {
            i += 1
        } else if i < b.count && (b[i] == 43 || b[i] == 45) {
            let sign = b[i] == 45 ? -1 : 1
            i += 1
            guard let oh = digits(2), expect(58), let om = digits(2), oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else { return nil }
        guard i == b.count, mo >= 1, mo <= 12, d >= 1, d <= CivilDate.daysIn(month: mo, year: y),
              h < 24, mi < 60, s <= 60 else { return nil }   // :60 (leap second) rolls over, as in the reference
        guard y >= 1 else { return nil }
        let days = CivilDate.daysFromCivil(y: y, m: mo, d: d)
        let secs = Int64(days) * 86400 + Int64(h * 3600 + mi * 60 + s) - Int64(offset)
        self.init(seconds: secs, nanos: Int32(nanos))
    }

    /// RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits (the protobuf JSON form CEL uses).
    public var rfc3339: String {
        let c = CivilDate(seconds: seconds)
        var out = pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + "T"
        out += pad(c.hour, 2) + ":" + pad(c.minute, 2) + ":" + pad(c.second, 2)
        out += fractionDigits(Int(nanos))
        return out + "Z"
    }
}

/// A signed span of time with nanosecond precision, at most ±315,576,000,000.999999999 s
/// (about 10,000 years, the protobuf Duration range).
public struct CELDuration: Sendable, Hashable, Comparable {
    /// Seconds and nanoseconds with the same sign (protobuf Duration normal form).
    public var seconds: Int64
    public var nanos: Int32

    static let maxSeconds: Int64 = 315_576_000_000

    public init?(seconds: Int64, nanos: Int64 = 0) {
        let (q, r) = (nanos / 1_000_000_000, nanos % 1_000_000_000)
        var (s, o) = seconds.addingReportingOverflow(q)
        _ = o
        if o { return nil }
        var n = r
        if s > 0 && n < 0 { s -= 1; n += 1_000_000_000 } else if s < 0 && n > 0 { s += 1; n -= 1_000_000_000 }
        guard s >= -Self.maxSeconds && s <= Self.maxSeconds else { return nil }
        self.seconds = s
        self.nanos = Int32(n)
    }

    public static func < (a: Self, b: Self) -> Bool { (a.seconds, a.nanos) < (b.seconds, b.nanos) }

    var negated: CELDuration { CELDuration(seconds: -seconds, nanos: -Int64(nanos))! }

    func adding(_ o: CELDuration) -> CELDuration? {
        CELDuration(seconds: seconds + o.seconds, nanos: Int64(nanos) + Int64(o.nanos))
    }

    /// Whether the duration fits 64-bit nanoseconds (about ±292 years), the range of the
    /// reference runtime's duration arithmetic (results beyond it are "integer overflow").
    var fitsInt64Nanos: Bool { seconds > -9_223_372_036 && seconds < 9_223_372_036 }

    /// Go's `time.ParseDuration` syntax, which CEL adopts: `-1h30m`, `1.5s`, `300ms`, `2us`, `5ns`.
    public init?(goSyntax text: String) {
        let b = Array(text.utf8)
        var i = 0
        var negative = false
        if i < b.count && (b[i] == 45 || b[i] == 43) { negative = b[i] == 45; i += 1 }
        if b.count - i == 1 && b[i] == 48 { self.init(seconds: 0); return }
        guard i < b.count else { return nil }
        // Accumulate in nanoseconds as a (seconds, nanos) pair to stay exact over 10,000 years.
        var totalSec: Int64 = 0, totalNano: Int64 = 0
        while i < b.count {
            var whole: Int64 = 0, frac: Int64 = 0, fracScale: Int64 = 1
            var sawDigit = false
            while i < b.count, b[i] >= 48 && b[i] <= 57 {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(b[i] - 48))
                if o1 || o2 { return nil }
                whole = a; i += 1; sawDigit = true
            }
            if i < b.count && b[i] == 46 {
                i += 1
                while i < b.count, b[i] >= 48 && b[i] <= 57 {
                    if fracScale < 1_000_000_000_000_000 { frac = frac * 10 + Int64(b[i] - 48); fracScale *= 10 }
                    i += 1; sawDigit = true
                }
            }
            guard sawDigit else { return nil }
            var u = i
            while u < b.count, !(b[u] >= 48 && b[u] <= 57), b[u] != 46 { u += 1 }
            let unit = String(decoding: b[i..<u], as: UTF8.self)
            i = u
            let unitNanos: Int64
            switch unit {
            case "h": unitNanos = 3_600_000_000_000
            case "m": unitNanos = 60_000_000_000
            case "s": unitNanos = 1_000_000_000
            case "ms": unitNanos = 1_000_000
            case "us": unitNanos = 1_000
            case "ns": unitNanos = 1
            default: return nil
            }
            // whole * unit, split into seconds and nanos.
            let secPerUnit = unitNanos / 1_000_000_000
            if secPerUnit > 0 {
                let (s, o) = whole.multipliedReportingOverflow(by: secPerUnit)
                if o { return nil }
                totalSec += s
            } else {
                let (n, o) = whole.multipliedReportingOverflow(by: unitNanos)
                if o { return nil }
                totalSec += n / 1_000_000_000; totalNano += n % 1_000_000_000
            }
            // frac / fracScale * unit nanos; exact enough with Double for the fractional part.
            if frac > 0 {
                let fn = (Double(frac) / Double(fracScale)) * Double(unitNanos)
                let fs = (fn / 1e9).rounded(.towardZero)
                totalSec += Int64(fs)
                totalNano += Int64((fn - fs * 1e9).rounded(.towardZero))
            }
            if totalSec > Self.maxSeconds + 1 { return nil }
        }
        if negative { totalSec = -totalSec; totalNano = -totalNano }
        self.init(seconds: totalSec, nanos: totalNano)
    }

    /// Seconds with 0, 3, 6 or 9 fractional digits and an `s` suffix (`-1.500s`).
    public var text: String {
        let neg = seconds < 0 || nanos < 0
        var out = neg ? "-" : ""
        out += String(seconds.magnitude)
        out += fractionDigits(Int(nanos.magnitude))
        return out + "s"
    }
}

private func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

private func fractionDigits(_ nanos: Int) -> String {
    if nanos == 0 { return "" }
    if nanos % 1_000_000 == 0 { return "." + pad(nanos / 1_000_000, 3) }
    if nanos % 1_000 == 0 { return "." + pad(nanos / 1_000, 6) }
    return "." + pad(nanos, 9)
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days_from_civil algorithms).
struct CivilDate {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    var dayOfYear: Int, dayOfWeek: Int

    init(seconds: Int64) {
        var days = seconds / 86400
        var rem = seconds % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        let (y, m, d) = CivilDate.civilFromDays(Int(days))
        year = y; month = m; day = d
        hour = Int(rem / 3600); minute = Int(rem % 3600 / 60); second = Int(rem % 60)
        dayOfYear = Int(days) - CivilDate.daysFromCivil(y: y, m: 1, d: 1)
        // 1970-01-01 was a Thursday (4); Sunday is 0.
        dayOfWeek = Int(((days % 7) + 11) % 7)
    }

    static func daysFromCivil(y: Int, m: Int, d: Int) -> Int {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Time-zone offsets for the timestamp getters: `±HH:MM`, `HH:MM`, or an IANA name
/// (`America/Los_Angeles`, looked up in the system's tz database via Foundation).
enum CELTimeZone {
    static func offset(_ tz: String, at seconds: Int64) -> Int? {
        let b = Array(tz.utf8)
        var i = 0
        var sign = 1
        if !b.isEmpty && (b[0] == 43 || b[0] == 45) { sign = b[0] == 45 ? -1 : 1; i = 1 }
        // `[+-]H:MM` / `[+-]HH:MM`; the reference applies any such offset without range checks.
        if let colon = b.firstIndex(of: 58), colon - i >= 1, colon - i <= 2, b.count - colon == 3,
           b[i...].allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 58 }),
           let h = Int(String(decoding: b[i..<colon], as: UTF8.self)),
           let m = Int(String(decoding: b[colon + 1..<b.count], as: UTF8.self)) {
            return sign * (h * 3600 + m * 60)
        }
        if tz == "UTC" { return 0 }
        guard let zone = TimeZone(identifier: tz) else { return nil }
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
    }
}
