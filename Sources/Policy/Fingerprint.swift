/// Stable finding identity: policy + root module + Terraform address with module path and
/// instance key (+ field or IAM grant), or policy + asset name (+ field) for exports and live
/// data. Never file names or line numbers, so moving lines or renaming files keeps it; a new
/// violation elsewhere (another resource, another grant) always gets a new one — unlike
/// fingerprints over the file and check id only (checkov#7647), which absorb new violations
/// into old suppressions.
///
/// The digest is 128-bit FNV-1a (two independent 64-bit lanes) over the UTF-8 of the parts,
/// hex-encoded: stable across runs, platforms and Swift versions (unlike `Hasher`). It
/// identifies, it does not authenticate.
package enum Fingerprint {
    package static let version = "v1"

    package static func make(policyID: String, rootModule: String?, address: String?, assetName: String, detail: String? = nil) -> String {
        var parts = [version, policyID]
        if let address, !address.isEmpty {
            parts += ["tf", rootModule ?? "", address]
        } else {
            parts += ["asset", assetName]
        }
        if let detail, !detail.isEmpty { parts.append(detail) }
        return digest(parts.joined(separator: "\u{1F}"))
    }

    static func digest(_ s: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in s.utf8 {
            a ^= UInt64(byte)
            a = a &* 0x0000_0100_0000_01b3
            b ^= UInt64(byte) &+ 0x9e
            b = b &* 0x0000_0100_0000_01b3
        }
        return hex(a) + hex(b)
    }

    private static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
