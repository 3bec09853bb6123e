import Foundation
import HCL

/// The OAuth 2.0 scope every Tollgate token asks for. Cloud Asset Inventory's list method
/// accepts only `cloud-platform`.
public let cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"

/// Grant and token type URNs (RFC 7523 §2.1, RFC 8693 §2.1, §3).
enum GrantType {
    static let jwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer"
    static let tokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange"
    static let refreshToken = "refresh_token"
    static let accessTokenType = "urn:ietf:params:oauth:token-type:access_token"
}

extension HTTPRequestSpec {
    /// A POST with an `application/x-www-form-urlencoded` body (WHATWG URL §5.2: unreserved
    /// bytes as they are, everything else percent-encoded; space as %20, which every OAuth
    /// server accepts).
    static func form(_ url: URL, _ fields: [(String, String)], headers: [(name: String, value: String)] = []) -> HTTPRequestSpec {
        let body = fields.map { formEncode($0.0) + "=" + formEncode($0.1) }.joined(separator: "&")
        var h = headers
        h.append(("Content-Type", "application/x-www-form-urlencoded"))
        return HTTPRequestSpec(method: "POST", url: url, headers: h, body: Data(body.utf8))
    }

    static func formEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.unicodeScalars.append(Unicode.Scalar(b))
            default: out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}

/// Parses `{"access_token": ..., "expires_in": 3599, "token_type": "Bearer"}` (RFC 6749
/// §5.1), which the OAuth, STS and metadata endpoints all answer with.
func parseTokenResponse(_ response: HTTPResponseData, url: URL, now: Date) throws -> AccessToken {
    guard case .success(let v) = JSONReader.parse(Array(response.body), maxDepth: 32),
          let token = v["access_token"]?.stringValue, !token.isEmpty
    else { throw LiveError.malformedResponse(url: url.absoluteString, detail: "no access_token in the token response") }
    let expiresIn = v["expires_in"]?.convertedToNumber?.doubleValue ?? 3600
    return AccessToken(value: token, expiresAt: now.addingTimeInterval(expiresIn))
}

/// Runs a token exchange, reporting failures as `.authentication` naming the source.
func authenticating<T>(_ source: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let e as LiveError {
        if case .authentication = e { throw e }
        if case .configuration = e { throw e }
        throw LiveError.authentication("\(source): \(e)")
    }
}

/// A token handed over as-is: `--access-token-file` or `GOOGLE_OAUTH_ACCESS_TOKEN`. It
/// cannot be refreshed; a file is read again on every refresh, so a sidecar that rotates it
/// (e.g. on GKE) keeps a long scan going.
struct StaticTokenFetcher: TokenFetcher {
    enum Origin: Sendable { case file(String), value(String) }
    let origin: Origin

    func fetch() async throws -> AccessToken {
        switch origin {
        case .value(let v):
            return AccessToken(value: v, expiresAt: nil)
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LiveError.configuration("--access-token-file \(path): cannot read the file")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw LiveError.configuration("--access-token-file \(path): the file is empty") }
            return AccessToken(value: token, expiresAt: nil)
        }
    }
}

/// Service-account key: an RS256-signed JWT exchanged at the token endpoint with the
/// JWT-bearer grant (RFC 7523 §2.1; Google's "Using OAuth 2.0 for Server to Server
/// Applications").
struct ServiceAccountFetcher: TokenFetcher {
    let key: CredentialFile.ServiceAccountKey
    let tokenURL: URL
    let scopes: [String]
    let http: HTTPClient

    func fetch() async throws -> AccessToken {
        try await authenticating("service account \(key.clientEmail)") {
            let now = http.clock.now()
            let assertion = try JWT.serviceAccountAssertion(
                clientEmail: key.clientEmail, privateKeyID: key.privateKeyID, privateKeyPEM: key.privateKeyPEM,
                scopes: scopes, audience: tokenURL.absoluteString, issuedAt: now)
            let request = HTTPRequestSpec.form(tokenURL, [("grant_type", GrantType.jwtBearer), ("assertion", assertion)])
            let exchange = try await http.send(request)
            return try parseTokenResponse(exchange.response, url: tokenURL, now: http.clock.now())
        }
    }
}

/// User credentials from `gcloud auth application-default login`: the refresh-token grant
/// (RFC 6749 §6).
struct AuthorizedUserFetcher: TokenFetcher {
    let user: CredentialFile.AuthorizedUser
    let tokenURL: URL
    let http: HTTPClient

    func fetch() async throws -> AccessToken {
        try await authenticating("authorized user (client \(user.clientID))") {
            let request = HTTPRequestSpec.form(tokenURL, [
                ("grant_type", GrantType.refreshToken), ("client_id", user.clientID),
                ("client_secret", user.clientSecret), ("refresh_token", user.refreshToken),
            ])
            let exchange = try await http.send(request)
            return try parseTokenResponse(exchange.response, url: tokenURL, now: http.clock.now())
        }
    }
}

/// The metadata server of Cloud Run, GCE, GKE and Cloud Functions.
struct MetadataServerFetcher: TokenFetcher {
    let host: String
    let scopes: [String]
    let http: HTTPClient

    var url: URL {
        let q = HTTPRequestSpec.formEncode(scopes.joined(separator: ","))
        return URL(string: "http://\(host)/computeMetadata/v1/instance/service-accounts/default/token?scopes=\(q)")!
    }

    func fetch() async throws -> AccessToken {
        try await authenticating("metadata server \(host)") {
            let request = HTTPRequestSpec(url: url, headers: [("Metadata-Flavor", "Google")])
            let exchange = try await http.send(request)
            return try parseTokenResponse(exchange.response, url: url, now: http.clock.now())
        }
    }
}

/// Workload Identity Federation (AIP-4117): read the subject token, exchange it at STS
/// (RFC 8693), then, when the file names one, impersonate a service account through the
/// IAM credentials API.
struct ExternalAccountFetcher: TokenFetcher {
    let account: CredentialFile.ExternalAccount
    let stsURL: URL
    let impersonationURL: URL?
    let scopes: [String]
    let http: HTTPClient

    func fetch() async throws -> AccessToken {
        try await authenticating("external account \(account.audience)") {
            let subject = try await subjectToken()
            var fields: [(String, String)] = [
                ("grant_type", GrantType.tokenExchange),
                ("audience", account.audience),
                ("scope", scopes.joined(separator: " ")),
                ("requested_token_type", GrantType.accessTokenType),
                ("subject_token", subject),
                ("subject_token_type", account.subjectTokenType),
            ]
            // Workforce pools bill a user project, passed as STS `options` (a JSON text),
            // but only when no service account is impersonated (AIP-4117).
            if impersonationURL == nil, let project = account.workforcePoolUserProject {
                var options = "{\"userProject\":"
                Value.writeJSONString(project, to: &options)
                options += "}"
                fields.append(("options", options))
            }
            var headers: [(name: String, value: String)] = []
            if let id = account.clientID {
                let basic = Data("\(id):\(account.clientSecret ?? "")".utf8).base64EncodedString()
                headers.append(("Authorization", "Basic \(basic)"))
            }
            let exchange = try await http.send(.form(stsURL, fields, headers: headers))
            let federated = try parseTokenResponse(exchange.response, url: stsURL, now: http.clock.now())
            guard let impersonationURL else { return federated }
            return try await impersonate(impersonationURL, with: federated, lifetime: account.impersonationLifetimeSeconds,
                                         delegates: [], scopes: scopes, http: http)
        }
    }

    func subjectToken() async throws -> String {
        let content: Data
        switch account.source.location {
        case .file(let path):
            guard let d = FileManager.default.contents(atPath: path) else {
                throw LiveError.configuration("external account: cannot read subject token file \(path)")
            }
            content = d
        case .url(let url, let headers):
            let exchange = try await http.send(HTTPRequestSpec(url: url, headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
            content = exchange.response.body
        }
        if let field = account.source.jsonField {
            guard case .success(let v) = JSONReader.parse(Array(content), maxDepth: 32),
                  let token = v[field]?.stringValue, !token.isEmpty
            else { throw LiveError.configuration("external account: the subject token source has no string field \"\(field)\"") }
            return token
        }
        let token = String(decoding: content, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw LiveError.configuration("external account: the subject token is empty") }
        return token
    }
}

/// IAM credentials `generateAccessToken`: `POST …/serviceAccounts/SA:generateAccessToken`
/// with `{"scope": [...], "lifetime": "3600s"}`, answered by `{"accessToken": ...,
/// "expireTime": RFC 3339}`.
func impersonate(_ url: URL, with source: AccessToken, lifetime: Int?, delegates: [String], scopes: [String],
                 http: HTTPClient) async throws -> AccessToken {
    var body: [String: Value] = [
        "scope": .tuple(scopes.map { .string($0) }),
        "lifetime": .string("\(lifetime ?? 3600)s"),
    ]
    if !delegates.isEmpty { body["delegates"] = .tuple(delegates.map { .string($0) }) }
    let request = HTTPRequestSpec(method: "POST", url: url, headers: [
        ("Authorization", "Bearer \(source.value)"), ("Content-Type", "application/json"),
    ], body: Data(Value.object(body).jsonString.utf8))
    let exchange = try await http.send(request)
    guard case .success(let v) = JSONReader.parse(Array(exchange.response.body), maxDepth: 32),
          let token = v["accessToken"]?.stringValue, !token.isEmpty
    else { throw LiveError.malformedResponse(url: url.absoluteString, detail: "no accessToken in the generateAccessToken response") }
    let expires = v["expireTime"]?.stringValue.flatMap(RFC3339.parse) ?? http.clock.now().addingTimeInterval(Double(lifetime ?? 3600))
    return AccessToken(value: token, expiresAt: expires)
}

/// Impersonation on top of another credential (`impersonated_service_account` files).
struct ImpersonatedFetcher: TokenFetcher {
    let source: any TokenFetcher
    let url: URL
    let delegates: [String]
    let scopes: [String]
    let http: HTTPClient

    func fetch() async throws -> AccessToken {
        try await authenticating("impersonation via \(url.absoluteString)") {
            let base = try await source.fetch()
            return try await impersonate(url, with: base, lifetime: nil, delegates: delegates, scopes: scopes, http: http)
        }
    }
}

/// RFC 3339 timestamps as Google APIs write them (`2026-01-02T03:04:05Z`, optional
/// fraction, `Z` or an offset).
public enum RFC3339 {
    public static func parse(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)
    }

    public static func format(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }
}
