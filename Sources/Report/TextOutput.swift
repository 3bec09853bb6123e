/// Reports are built as UTF-8 bytes, not `String`s: appending bytes has no per-character
/// bookkeeping, and the escapes below copy a string whole when it needs no escaping — which
/// at 50,000 findings is most of the report-writing time.
extension Array where Element == UInt8 {
    static func += (lhs: inout [UInt8], rhs: String) {
        lhs.append(contentsOf: rhs.utf8)
    }

    mutating func append(decimal n: Int) {
        if n >= 0 && n < 10 { append(UInt8(ascii: "0") + UInt8(n)); return }
        append(contentsOf: String(n).utf8)
    }
}
