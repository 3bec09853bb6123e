import Foundation

/// Where the credentials in use came from, for `--debug` and the report's scope section.
/// Never holds a secret.
public enum CredentialOrigin: Sendable, Hashable, CustomStringConvertible {
    case accessTokenFile(path: String)
    case accessTokenEnvironment
    case applicationCredentials(path: String, type: String)
    case gcloudApplicationDefault(path: String, type: String)
    case metadataServer(host: String)

    public var description: String {
        switch self {
        case .accessTokenFile(let p): "access token file \(p)"
        case .accessTokenEnvironment: "GOOGLE_OAUTH_ACCESS_TOKEN"
        case .applicationCredentials(let p, let t): "GOOGLE_APPLICATION_CREDENTIALS=\(p) (\(t))"
        case .gcloudApplicationDefault(let p, let t): "gcloud application-default credentials \(p) (\(t))"
        case .metadataServer(let h): "metadata server \(h)"
        }
    }
}

/// Credentials chosen and ready to hand out tokens.
public struct ResolvedCredentials: Sendable {
    public let origin: CredentialOrigin
    public let tokens: CachedTokenSource
}

/// Finds credentials. First found wins:
///
/// 1. `--access-token-file FILE` (a bare access token; re-read when the API says 401),
/// 2. `GOOGLE_OAUTH_ACCESS_TOKEN` (a bare access token, as gcloud and Terraform read it),
/// 3. `GOOGLE_APPLICATION_CREDENTIALS` → a `service_account`, `authorized_user`,
///    `external_account` or `impersonated_service_account` file (an unreadable or invalid
///    file is an error, not a reason to look further: the user asked for that file),
/// 4. gcloud's application-default credentials,
///    `$CLOUDSDK_CONFIG/application_default_credentials.json`, else
///    `$HOME/.config/gcloud/application_default_credentials.json`,
/// 5. the metadata server (Cloud Run, GCE, GKE): `http://$GCE_METADATA_HOST/computeMetadata/
///    v1/instance/service-accounts/default/token` with `Metadata-Flavor: Google`.
///
/// A quota project (`x-goog-user-project`) comes from `GOOGLE_CLOUD_QUOTA_PROJECT`, else the
/// file's `quota_project_id`.
public struct CredentialResolver: Sendable {
    public var accessTokenFile: String?
    public var environment: [String: String]
    public var endpoints: Endpoints
    public var scopes: [String]
    /// Used for every token exchange.
    public var http: HTTPClient
    /// Used for the metadata server, which answers within milliseconds when present: a
    /// short timeout and few attempts, so that running outside Google Cloud fails fast.
    public var metadataHTTP: HTTPClient

    public init(accessTokenFile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                endpoints: Endpoints, scopes: [String] = [cloudPlatformScope], http: HTTPClient) {
        self.accessTokenFile = accessTokenFile
        self.environment = environment
        self.endpoints = endpoints
        self.scopes = scopes
        self.http = http
        var mp = http.policy
        mp.maxAttempts = min(mp.maxAttempts, 3)
        mp.requestTimeout = min(mp.requestTimeout, 5)
        mp.totalBudget = min(mp.totalBudget, 30)
        self.metadataHTTP = HTTPClient(transport: http.transport, policy: mp, clock: http.clock, jitter: http.jitter, debug: http.debug)
    }

    /// The gcloud application-default credentials path for this environment.
    public var gcloudADCPath: String? {
        if let dir = environment["CLOUDSDK_CONFIG"], !dir.isEmpty {
            return (dir as NSString).appendingPathComponent("application_default_credentials.json")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return (home as NSString).appendingPathComponent(".config/gcloud/application_default_credentials.json")
    }

    public func resolve() throws -> ResolvedCredentials {
        let quotaOverride = environment["GOOGLE_CLOUD_QUOTA_PROJECT"].flatMap { $0.isEmpty ? nil : $0 }
        if let path = accessTokenFile {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw LiveError.configuration("--access-token-file \(path): cannot read the file")
            }
            return make(.accessTokenFile(path: path), StaticTokenFetcher(origin: .file(path)), quotaOverride)
        }
        if let token = environment["GOOGLE_OAUTH_ACCESS_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            return make(.accessTokenEnvironment, StaticTokenFetcher(origin: .value(token)), quotaOverride)
        }
        if let path = environment["GOOGLE_APPLICATION_CREDENTIALS"], !path.isEmpty {
            let file = try CredentialFile.load(path: path)
            let (fetcher, quota) = try fetcher(for: file)
            return make(.applicationCredentials(path: path, type: file.typeName), fetcher, quotaOverride ?? quota)
        }
        if let path = gcloudADCPath, FileManager.default.fileExists(atPath: path) {
            let file = try CredentialFile.load(path: path)
            let (fetcher, quota) = try fetcher(for: file)
            return make(.gcloudApplicationDefault(path: path, type: file.typeName), fetcher, quotaOverride ?? quota)
        }
        let host = endpoints.metadataHost
        return make(.metadataServer(host: host), MetadataServerFetcher(host: host, scopes: scopes, http: metadataHTTP), quotaOverride)
    }

    private func make(_ origin: CredentialOrigin, _ fetcher: any TokenFetcher, _ quota: String?) -> ResolvedCredentials {
        ResolvedCredentials(origin: origin, tokens: CachedTokenSource(fetcher: fetcher, clock: http.clock, quotaProject: quota))
    }

    func fetcher(for file: CredentialFile) throws -> (any TokenFetcher, String?) {
        switch file {
        case .serviceAccount(let key):
            let url = endpoints.oauthToken ?? key.tokenURI ?? Endpoints.defaultOAuthToken
            return (ServiceAccountFetcher(key: key, tokenURL: url, scopes: scopes, http: http), nil)
        case .authorizedUser(let user):
            let url = endpoints.oauthToken ?? user.tokenURI ?? Endpoints.defaultOAuthToken
            return (AuthorizedUserFetcher(user: user, tokenURL: url, http: http), user.quotaProjectID)
        case .externalAccount(let account):
            let sts = endpoints.sts ?? account.tokenURL
            let imp = account.serviceAccountImpersonationURL.map { Endpoints.rebased($0, onto: endpoints.iamCredentials) }
            return (ExternalAccountFetcher(account: account, stsURL: sts, impersonationURL: imp, scopes: scopes, http: http),
                    account.quotaProjectID)
        case .impersonatedServiceAccount(let url, let delegates, let source):
            let (base, quota) = try fetcher(for: source)
            let u = Endpoints.rebased(url, onto: endpoints.iamCredentials)
            return (ImpersonatedFetcher(source: base, url: u, delegates: delegates, scopes: scopes, http: http), quota)
        }
    }
}
