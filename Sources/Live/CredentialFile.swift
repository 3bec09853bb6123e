import Foundation
import HCL

/// A Google credentials JSON file (the kind `GOOGLE_APPLICATION_CREDENTIALS` and gcloud's
/// application-default credentials point at), by its `type`.
public enum CredentialFile: Sendable, Hashable {
    /// `type: service_account`: a key created with `gcloud iam service-accounts keys create`.
    case serviceAccount(ServiceAccountKey)
    /// `type: authorized_user`: `gcloud auth application-default login`.
    case authorizedUser(AuthorizedUser)
    /// `type: external_account`: Workload Identity Federation (AIP-4117).
    case externalAccount(ExternalAccount)
    /// `type: impersonated_service_account`: `gcloud auth application-default login
    /// --impersonate-service-account`; a source credential plus an impersonation URL.
    indirect case impersonatedServiceAccount(url: URL, delegates: [String], source: CredentialFile)

    public struct ServiceAccountKey: Sendable, Hashable {
        public var clientEmail: String
        public var privateKeyID: String?
        public var privateKeyPEM: String
        public var tokenURI: URL?
        public var projectID: String?
    }

    public struct AuthorizedUser: Sendable, Hashable {
        public var clientID: String
        public var clientSecret: String
        public var refreshToken: String
        public var tokenURI: URL?
        public var quotaProjectID: String?
    }

    public struct ExternalAccount: Sendable, Hashable {
        public var audience: String
        public var subjectTokenType: String
        public var tokenURL: URL
        public var source: SubjectTokenSource
        public var serviceAccountImpersonationURL: URL?
        public var impersonationLifetimeSeconds: Int?
        public var clientID: String?
        public var clientSecret: String?
        public var workforcePoolUserProject: String?
        public var quotaProjectID: String?
    }

    /// Where an external account's subject token comes from (`credential_source`).
    public struct SubjectTokenSource: Sendable, Hashable {
        public enum Location: Sendable, Hashable {
            case file(String)
            case url(URL, headers: [String: String])
        }
        public var location: Location
        /// nil: the whole content (trimmed) is the token (`format.type: text`); else the
        /// named field of a JSON object (`format.type: json`).
        public var jsonField: String?
    }

    /// The `type` this file declares, for messages.
    public var typeName: String {
        switch self {
        case .serviceAccount: "service_account"
        case .authorizedUser: "authorized_user"
        case .externalAccount: "external_account"
        case .impersonatedServiceAccount: "impersonated_service_account"
        }
    }

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws -> CredentialFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LiveError.configuration("\(path): cannot read credentials file")
        }
        return try parse(data, origin: path)
    }

    /// Parses credentials JSON; `origin` names it in errors (never its content).
    public static func parse(_ data: Data, origin: String) throws -> CredentialFile {
        let v: Value
        switch JSONReader.parse(Array(data), maxDepth: 32) {
        case .success(let x): v = x
        case .failure(let f): throw LiveError.configuration("\(origin): not valid JSON (byte \(f.offset): \(f.message))")
        }
        guard v.attributes != nil else { throw LiveError.configuration("\(origin): expected a JSON object") }
        return try parse(v, origin: origin)
    }

    static func parse(_ v: Value, origin: String) throws -> CredentialFile {
        func str(_ k: String) -> String? { v[k]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
        func need(_ k: String) throws -> String {
            guard let s = str(k) else { throw LiveError.configuration("\(origin): missing \"\(k)\"") }
            return s
        }
        func url(_ k: String) throws -> URL? {
            guard let s = str(k) else { return nil }
            return try Endpoints.url(s, "\(origin): \"\(k)\"")
        }
        guard let type = str("type") else { throw LiveError.configuration("\(origin): missing \"type\"") }
        switch type {
        case "service_account":
            return .serviceAccount(ServiceAccountKey(
                clientEmail: try need("client_email"), privateKeyID: str("private_key_id"),
                privateKeyPEM: try need("private_key"), tokenURI: try url("token_uri"), projectID: str("project_id")))
        case "authorized_user":
            return .authorizedUser(AuthorizedUser(
                clientID: try need("client_id"), clientSecret: try need("client_secret"),
                refreshToken: try need("refresh_token"), tokenURI: try url("token_uri"),
                quotaProjectID: str("quota_project_id")))
        case "external_account":
            guard let cs = v["credential_source"], cs.attributes != nil else {
                throw LiveError.configuration("\(origin): missing \"credential_source\"")
            }
            let location: SubjectTokenSource.Location
            if let file = cs["file"]?.stringValue {
                location = .file(file)
            } else if let u = cs["url"]?.stringValue {
                var headers: [String: String] = [:]
                for (k, hv) in cs["headers"]?.attributes ?? [:] { if let s = hv.stringValue { headers[k] = s } }
                location = .url(try Endpoints.url(u, "\(origin): \"credential_source.url\""), headers: headers)
            } else if cs["environment_id"] != nil {
                throw LiveError.configuration("\(origin): AWS-sourced external account credentials (credential_source.environment_id) are not supported; use a file- or URL-sourced subject token")
            } else if cs["executable"] != nil {
                throw LiveError.configuration("\(origin): executable-sourced external account credentials are not supported (Tollgate runs no programs); use a file- or URL-sourced subject token")
            } else {
                throw LiveError.configuration("\(origin): credential_source needs \"file\" or \"url\"")
            }
            var field: String?
            if let format = cs["format"] {
                switch format["type"]?.stringValue ?? "text" {
                case "text": field = nil
                case "json":
                    guard let f = format["subject_token_field_name"]?.stringValue, !f.isEmpty else {
                        throw LiveError.configuration("\(origin): credential_source.format of type json needs \"subject_token_field_name\"")
                    }
                    field = f
                case let other:
                    throw LiveError.configuration("\(origin): unknown credential_source.format.type \"\(other)\"")
                }
            }
            guard let tokenURL = try url("token_url") else { throw LiveError.configuration("\(origin): missing \"token_url\"") }
            return .externalAccount(ExternalAccount(
                audience: try need("audience"), subjectTokenType: try need("subject_token_type"), tokenURL: tokenURL,
                source: SubjectTokenSource(location: location, jsonField: field),
                serviceAccountImpersonationURL: try url("service_account_impersonation_url"),
                impersonationLifetimeSeconds: v[path: ["service_account_impersonation", "token_lifetime_seconds"]]?.numberValue?.intValue,
                clientID: str("client_id"), clientSecret: str("client_secret"),
                workforcePoolUserProject: str("workforce_pool_user_project"), quotaProjectID: str("quota_project_id")))
        case "impersonated_service_account":
            guard let u = try url("service_account_impersonation_url") else {
                throw LiveError.configuration("\(origin): missing \"service_account_impersonation_url\"")
            }
            guard let src = v["source_credentials"], src.attributes != nil else {
                throw LiveError.configuration("\(origin): missing \"source_credentials\"")
            }
            let source = try parse(src, origin: origin + " (source_credentials)")
            if case .impersonatedServiceAccount = source {
                throw LiveError.configuration("\(origin): source_credentials cannot itself be impersonated")
            }
            let delegates = (v["delegates"]?.elements ?? []).compactMap(\.stringValue)
            return .impersonatedServiceAccount(url: u, delegates: delegates, source: source)
        default:
            throw LiveError.configuration("\(origin): unsupported credentials type \"\(type)\" (expected service_account, authorized_user, external_account or impersonated_service_account)")
        }
    }
}
