/// Reports are built as UTF-8 bytes, not `String`s: appending bytes has no per-character
/// bookkeeping, and the escapes below copy a string whole when it needs no escaping — which
/// at 50,000 findings is most of the report-writing time.
extension Array where Element == UInt8 {
    static func += (lhs: inout [UInt8], rhs: String) {
        lhs.append(contentsOf: rhs.utf8)
    }

    /// A decimal integer, digit by digit (no `String` made per number).
    mutating func append(decimal n: Int) {
        if n >= 0 && n < 10 { append(UInt8(ascii: "0") + UInt8(n)); return }
        if n < 0 {
            // `-Int.min` overflows; the standard library prints it correctly.
            guard n != Int.min else { append(contentsOf: String(n).utf8); return }
            append(UInt8(ascii: "-"))
            append(decimal: -n)
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var v = UInt(n), k = 0
        Swift.withUnsafeMutableBytes(of: &digits) { buf in
            while v > 0 {
                buf[23 - k] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                k += 1
            }
            append(contentsOf: buf[(24 - k)...])
        }
    }
}

extension String {
    /// The string's UTF-8 as one buffer: native strings lend theirs, others (bridged) are
    /// copied once. Escapers scan and copy buffers far faster than `String.UTF8View`.
    @inline(__always)
    func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return try copy.withUTF8(body)
    }
}
