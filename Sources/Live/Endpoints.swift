import Foundation

/// Where the live client sends its requests. Every endpoint can be moved (flags, or the
/// environment variables below) so that tests, proxies and private service connect work;
/// defaults are Google's public endpoints.
///
/// | endpoint | default | environment |
/// |---|---|---|
/// | Cloud Asset Inventory | `https://cloudasset.googleapis.com` | `TOLLGATE_CAI_ENDPOINT` |
/// | OAuth token (service account, authorized user) | the file's `token_uri`, else `https://oauth2.googleapis.com/token` | `TOLLGATE_TOKEN_ENDPOINT` |
/// | STS (external account) | the file's `token_url` | `TOLLGATE_STS_ENDPOINT` |
/// | IAM credentials (impersonation) | origin of the file's `service_account_impersonation_url` | `TOLLGATE_IAMCREDENTIALS_ENDPOINT` (origin only) |
/// | metadata server | `metadata.google.internal` | `GCE_METADATA_HOST` (host[:port], as Google's libraries read it) |
public struct Endpoints: Sendable, Hashable {
    public var assetInventory: URL
    /// Replaces the OAuth token endpoint of service-account and authorized-user credentials.
    public var oauthToken: URL?
    /// Replaces `token_url` of external-account credentials.
    public var sts: URL?
    /// Replaces scheme, host and port of `service_account_impersonation_url`.
    public var iamCredentials: URL?
    /// Host (and port) of the metadata server.
    public var metadataHost: String

    public static let defaultAssetInventory = URL(string: "https://cloudasset.googleapis.com")!
    public static let defaultOAuthToken = URL(string: "https://oauth2.googleapis.com/token")!
    public static let defaultMetadataHost = "metadata.google.internal"

    public init(assetInventory: URL = Endpoints.defaultAssetInventory, oauthToken: URL? = nil, sts: URL? = nil,
                iamCredentials: URL? = nil, metadataHost: String = Endpoints.defaultMetadataHost) {
        self.assetInventory = assetInventory
        self.oauthToken = oauthToken
        self.sts = sts
        self.iamCredentials = iamCredentials
        self.metadataHost = metadataHost
    }

    /// Defaults overridden by the environment variables in the table above.
    public static func fromEnvironment(_ env: [String: String]) throws -> Endpoints {
        var e = Endpoints()
        if let v = env["TOLLGATE_CAI_ENDPOINT"], !v.isEmpty { e.assetInventory = try url(v, "TOLLGATE_CAI_ENDPOINT") }
        if let v = env["TOLLGATE_TOKEN_ENDPOINT"], !v.isEmpty { e.oauthToken = try url(v, "TOLLGATE_TOKEN_ENDPOINT") }
        if let v = env["TOLLGATE_STS_ENDPOINT"], !v.isEmpty { e.sts = try url(v, "TOLLGATE_STS_ENDPOINT") }
        if let v = env["TOLLGATE_IAMCREDENTIALS_ENDPOINT"], !v.isEmpty {
            e.iamCredentials = try url(v, "TOLLGATE_IAMCREDENTIALS_ENDPOINT")
        }
        if let v = env["GCE_METADATA_HOST"], !v.isEmpty { e.metadataHost = v }
        return e
    }

    /// Parses an absolute http(s) URL, naming `what` in the error.
    public static func url(_ s: String, _ what: String) throws -> URL {
        guard let u = URL(string: s), let scheme = u.scheme?.lowercased(), scheme == "https" || scheme == "http",
              u.host != nil
        else { throw LiveError.configuration("\(what): not an absolute http(s) URL: \(s)") }
        return u
    }

    /// `url` with scheme, host and port taken from `origin` (path and query kept).
    static func rebased(_ url: URL, onto origin: URL?) -> URL {
        guard let origin, var c = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        c.scheme = origin.scheme
        c.host = origin.host
        c.port = origin.port
        return c.url ?? url
    }

    /// `{base}/{path}` with exactly one slash between.
    static func join(_ base: URL, _ path: String) -> String {
        var b = base.absoluteString
        while b.hasSuffix("/") { b.removeLast() }
        return b + "/" + path
    }
}
