import Foundation
import HCL

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
