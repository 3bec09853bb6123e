/// Helpers for CAI full resource names (`//service.googleapis.com/relative/name`) and the
/// reference forms resources use for each other (short names, relative names, self links).
package enum AssetName {
    /// The segment after `word` in a slash-separated name: `component(after: "projects", in:
    /// "//x/projects/p/instances/i") == "p"`.
    package static func component(after word: String, in name: String) -> String? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: true)
        for i in parts.indices.dropLast() where parts[i] == word { return String(parts[i + 1]) }
        return nil
    }

    /// The last path segment (`projects/p/global/networks/n` → `n`).
    package static func lastSegment(_ s: String) -> String {
        if let slash = s.lastIndex(of: "/") { return String(s[s.index(after: slash)...]) }
        return s
    }

    /// A compute reference as a relative name: strips `https://www.googleapis.com/compute/v1/`
    /// (and `beta`, `https://compute.googleapis.com/compute/v1/`) self-link prefixes, as the
    /// REST API returns full URLs while Terraform and CAI often use relative names.
    package static func relativeCompute(_ s: String) -> String {
        for prefix in [
            "https://www.googleapis.com/compute/v1/", "https://www.googleapis.com/compute/beta/",
            "https://compute.googleapis.com/compute/v1/", "https://compute.googleapis.com/compute/beta/",
            "//compute.googleapis.com/",
        ] where s.hasPrefix(prefix) {
            return String(s.dropFirst(prefix.count))
        }
        return s
    }

    /// The CAI name of a VPC network referenced as a short name, relative name or self link.
    package static func network(_ ref: String, project: String?) -> String? {
        let rel = relativeCompute(ref)
        if rel.hasPrefix("projects/") { return "//compute.googleapis.com/" + rel }
        guard !rel.isEmpty, !rel.contains("/"), let project else { return nil }
        return "//compute.googleapis.com/projects/\(project)/global/networks/\(rel)"
    }

    /// The CAI name of a subnetwork reference.
    package static func subnetwork(_ ref: String, project: String?, region: String?) -> String? {
        let rel = relativeCompute(ref)
        if rel.hasPrefix("projects/") { return "//compute.googleapis.com/" + rel }
        guard !rel.isEmpty, !rel.contains("/"), let project, let region else { return nil }
        return "//compute.googleapis.com/projects/\(project)/regions/\(region)/subnetworks/\(rel)"
    }

    /// The CAI name of a Serverless VPC Access connector reference.
    package static func connector(_ ref: String, project: String?, region: String?) -> String? {
        if ref.hasPrefix("projects/") { return "//vpcaccess.googleapis.com/" + ref }
        if ref.hasPrefix("//vpcaccess.googleapis.com/") { return ref }
        guard !ref.isEmpty, !ref.contains("/"), let project, let region else { return nil }
        return "//vpcaccess.googleapis.com/projects/\(project)/locations/\(region)/connectors/\(ref)"
    }

    /// The CAI name of a project, folder or organization given as `projects/p`, `folders/1`, `organizations/2`.
    package static func container(_ relative: String) -> String {
        "//cloudresourcemanager.googleapis.com/" + relative
    }
}
