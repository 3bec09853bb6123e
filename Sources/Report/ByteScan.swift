/// Finds whether a string needs escaping, eight bytes at a time. Most text in a report
/// (names, paths, messages) needs none and is copied whole; deciding that was the largest
/// single cost of the JSON and XML escapers when done byte by byte.
///
/// Per 64-bit word, the exact tests of "Bit Twiddling Hacks" (S. E. Anderson):
/// `hasless(x, n) = (x - n·0x01…01) & ~x & 0x80…80` (n ≤ 128) and `haszero(v) = (v - 0x01…01)
/// & ~v & 0x80…80` with `v = x ^ (value·0x01…01)` — each non-zero exactly when some byte of
/// `x` qualifies.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    private static func below(_ x: UInt64, _ limit: UInt8) -> UInt64 {
        (x &- ones &* UInt64(limit)) & ~x & highs
    }

    @inline(__always)
    private static func equal(_ x: UInt64, _ value: UInt8) -> UInt64 {
        let v = x ^ (ones &* UInt64(value))
        return (v &- ones) & ~v & highs
    }

    /// Whether a word test or, for the tail, a byte test matches anywhere in `bytes`.
    @inline(__always)
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, word: (UInt64) -> UInt64, byte: (UInt8) -> Bool) -> Bool {
        let n = bytes.count
        var i = 0
        if n >= 8, let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                if word(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) != 0 { return true }
                i += 8
            }
        }
        while i < n {
            if byte(bytes[i]) { return true }
            i += 1
        }
        return false
    }

    /// Any byte JSON escapes (RFC 8259 §7): control characters, `"`, `\`.
    static func json(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        scan(bytes, word: { below($0, 0x20) | equal($0, 0x22) | equal($0, 0x5C) },
             byte: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C })
    }

    /// Any byte the XML escaper looks at: control characters, `&`, `<`, `>`, `"`, and 0xEF
    /// (the lead byte of U+FFFE and U+FFFF).
    static func xml(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        scan(bytes, word: { below($0, 0x20) | equal($0, 0x26) | equal($0, 0x3C) | equal($0, 0x3E) | equal($0, 0x22) | equal($0, 0xEF) },
             byte: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0xEF })
    }
}
