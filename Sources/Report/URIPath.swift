/// Percent-encoding of relative paths for URIs (SARIF `artifactLocation.uri`, Markdown links).
enum URIPath {
    /// Encodes every byte but RFC 3986 unreserved characters and `/` (§2.3), so spaces,
    /// `#`, `%`, parentheses and non-ASCII names survive as one path.
    static func encode(_ path: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(path.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
