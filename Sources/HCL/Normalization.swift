import Foundation

/// cty normalizes every string value to Unicode NFC (`cty.StringVal`), so `"an\u0303os"`
/// and `"años"` are the same value. ASCII text (almost everything) skips the work.
enum Normalization {
    static func nfc(_ s: String) -> String {
        for b in s.utf8 where b >= 0x80 {
            return s.precomposedStringWithCanonicalMapping
        }
        return s
    }
}
