import Foundation
import HCL

/// The error body of a Google API: `{"error": {"code": 403, "message": "...", "status":
/// "PERMISSION_DENIED"}}` (AIP-193), or the OAuth 2.0 token endpoint's `{"error":
/// "invalid_grant", "error_description": "..."}` (RFC 6749 §5.2), whichever the body holds.
public struct GoogleAPIError: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status repeated in the body (AIP-193 `code`), when present.
    public var code: Int?
    /// `PERMISSION_DENIED`, `NOT_FOUND`, `RESOURCE_EXHAUSTED`, ... or the OAuth error code.
    public var status: String?
    public var message: String

    public init(code: Int? = nil, status: String? = nil, message: String) {
        self.code = code
        self.status = status
        self.message = message
    }

    /// Parses an error body; nil when the body is not one of the two shapes.
    public static func parse(_ body: Data) -> GoogleAPIError? {
        guard !body.isEmpty, case .success(let v) = JSONReader.parse(Array(body)) else { return nil }
        if let e = v["error"], e.attributes != nil {
            let code = e["code"]?.numberValue?.intValue
            let status = e["status"]?.stringValue
            let message = e["message"]?.stringValue ?? ""
            return GoogleAPIError(code: code, status: status, message: message)
        }
        if let code = v["error"]?.stringValue {
            return GoogleAPIError(status: code, message: v["error_description"]?.stringValue ?? "")
        }
        return nil
    }

    public var description: String {
        switch (status, message.isEmpty) {
        case (let s?, false): "\(s): \(message)"
        case (let s?, true): s
        case (nil, _): message
        }
    }
}

/// An HTTP response the client gave up on: its status, what the API said, which request.
public struct HTTPFailure: Sendable, Hashable, CustomStringConvertible {
    public var status: Int
    public var apiError: GoogleAPIError?
    public var method: String
    /// The request URL (never carries credentials: tokens travel in headers and bodies).
    public var url: String

    public var description: String {
        var s = "HTTP \(status) from \(method) \(url)"
        if let apiError { s += ": \(apiError)" }
        return s
    }
}

/// Everything the live client reports as a failure. Configuration and credential problems
/// stop a scan; HTTP and transport failures of one project are recorded in its outcome and
/// the scan goes on.
public indirect enum LiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Bad options or an unusable credentials file (path and reason).
    case configuration(String)
    /// No access token could be obtained (source and reason).
    case authentication(String)
    /// A response with a status that is not retried, or the last of the retried ones.
    case http(HTTPFailure)
    /// No response (timeout, connection error) on the last attempt.
    case transport(TransportFailure, url: String)
    /// A retryable failure persisted through every attempt the policy allows.
    case retriesExhausted(attempts: Int, last: LiveError)
    /// The next wait would overrun the call's total time budget.
    case budgetExhausted(seconds: Double, attempts: Int, last: LiveError)
    /// A 2xx body that is not what the API documents (byte offset where known).
    case malformedResponse(url: String, detail: String)

    public var description: String {
        switch self {
        case .configuration(let m): return m
        case .authentication(let m): return "authentication failed: \(m)"
        case .http(let f): return f.description
        case .transport(let t, let url): return "\(t) (\(url))"
        case .retriesExhausted(let n, let last): return "gave up after \(n) attempts: \(last)"
        case .budgetExhausted(let s, let n, let last):
            return "gave up after \(n) attempts: time budget of \(TransportFailure.format(s)) s exhausted: \(last)"
        case .malformedResponse(let url, let d): return "malformed response from \(url): \(d)"
        }
    }

    /// The HTTP status at the root of this error, if any.
    public var httpStatus: Int? {
        switch self {
        case .http(let f): f.status
        case .retriesExhausted(_, let last), .budgetExhausted(_, _, let last): last.httpStatus
        default: nil
        }
    }

    /// A stable, short classification for reports and exit-code decisions:
    /// `permission-denied`, `not-found`, `retries-exhausted`, `time-budget-exhausted`,
    /// `malformed-response`, `authentication`, `configuration`, `http-<status>`, `transport`.
    public var kind: String {
        switch self {
        case .configuration: "configuration"
        case .authentication: "authentication"
        case .http(let f):
            switch f.status {
            case 401: "unauthenticated"
            case 403: "permission-denied"
            case 404: "not-found"
            default: "http-\(f.status)"
            }
        case .transport: "transport"
        case .retriesExhausted: "retries-exhausted"
        case .budgetExhausted: "time-budget-exhausted"
        case .malformedResponse: "malformed-response"
        }
    }
}
