/// Percent-encoding of relative paths for URIs (SARIF `artifactLocation.uri`, Markdown links).
enum URIPath {
    /// Encodes every byte but RFC 3986 unreserved characters and `/` (§2.3), so spaces,
    /// `#`, `%`, parentheses and non-ASCII names survive as one path.
    static func encode(_ path: String) -> String {
        // Most paths need nothing encoded: return the same string, no copy (every SARIF result
        // and Markdown row has one).
        if path.withUTF8Buffer({ $0.allSatisfy(isUnreserved) }) { return path }
        var out = [UInt8]()
        out.reserveCapacity(path.utf8.count + 16)
        encode(path, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func encode(_ path: String, into out: inout [UInt8]) {
        path.withUTF8Buffer { bytes in
            if bytes.allSatisfy(isUnreserved) {
                out.append(contentsOf: bytes)
                return
            }
            let hex: StaticString = "0123456789ABCDEF"
            for b in bytes {
                if isUnreserved(b) {
                    out.append(b)
                } else {
                    out.append(UInt8(ascii: "%"))
                    out.append(hex.utf8Start[Int(b >> 4)])
                    out.append(hex.utf8Start[Int(b & 0xF)])
                }
            }
        }
    }

    @inline(__always)
    private static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }
}
