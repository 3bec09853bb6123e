import HCL

/// Cloud KMS: key rings (`//cloudkms.googleapis.com/projects/P/locations/L/keyRings/R`) and
/// crypto keys (`//cloudkms.googleapis.com/{key_ring}/cryptoKeys/K`, `key_ring` inserted as
/// written, CONVENTIONS.md §3).
enum KMSConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_kms_key_ring": keyRing,
        "google_kms_crypto_key": cryptoKey,
    ]

    static func keyRing(_ r: TerraformResource) -> [ConvertedAsset] {
        let location = r.segment(r.string("location"), "location")
        // tfplan2cai writes no data for a key ring: the API resource has only its name.
        return [ConvertedAsset(
            name: "//cloudkms.googleapis.com/projects/\(r.projectSegment)/locations/\(location)/keyRings/\(r.segment(r.string("name"), "name"))",
            assetType: "cloudkms.googleapis.com/KeyRing", discoveryName: "KeyRing", data: MappedData(),
            ancestryStart: "projects/\(r.projectSegment)", location: location)]
    }

    static func cryptoKey(_ r: TerraformResource) -> [ConvertedAsset] {
        let ring = r.segment(r.string("key_ring"), "key_ring")
        let project = AssetName.component(after: "projects", in: ring) ?? r.projectSegment
        let m = r.mapped(DataMapping(drop: ["key_ring", "name", "skip_initial_version_creation", "primary"]))
        return [ConvertedAsset(
            name: "//cloudkms.googleapis.com/\(ring)/cryptoKeys/\(r.segment(r.string("name"), "name"))",
            assetType: "cloudkms.googleapis.com/CryptoKey", discoveryName: "CryptoKey", data: m,
            ancestryStart: "projects/\(project)")]
    }

    /// `P/L/R/K` or `L/R/K` (default project) → `projects/P/locations/L/keyRings/R/cryptoKeys/K`.
    static func expandCryptoKeyID(_ id: String, project: String?) -> String {
        if id.hasPrefix("projects/") { return id }
        let p = id.split(separator: "/").map(String.init)
        if p.count == 4 { return "projects/\(p[0])/locations/\(p[1])/keyRings/\(p[2])/cryptoKeys/\(p[3])" }
        if p.count == 3 { return "projects/\(project ?? "-")/locations/\(p[0])/keyRings/\(p[1])/cryptoKeys/\(p[2])" }
        return id
    }

    /// `P/L/R` or `L/R` → `projects/P/locations/L/keyRings/R`.
    static func expandKeyRingID(_ id: String, project: String?) -> String {
        if id.hasPrefix("projects/") { return id }
        let p = id.split(separator: "/").map(String.init)
        if p.count == 3 { return "projects/\(p[0])/locations/\(p[1])/keyRings/\(p[2])" }
        if p.count == 2 { return "projects/\(project ?? "-")/locations/\(p[0])/keyRings/\(p[1])" }
        return id
    }
}
