import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP request as the live client builds it. Header names keep their case for the wire;
/// lookups are case-insensitive (RFC 9110 §5.1).
public struct HTTPRequestSpec: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(name: String, value: String)]
    public var body: Data?

    public init(method: String = "GET", url: URL, headers: [(name: String, value: String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        headers.append((name, value))
    }
}

/// A response: status, headers (names lower-cased), body bytes.
public struct HTTPResponseData: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Why a request got no HTTP response at all. Both kinds are retried (the connection may
/// have been reset, the server may be restarting).
public enum TransportFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// No complete response within the per-request timeout.
    case timedOut(seconds: Double)
    /// Refused, reset, DNS failure, TLS failure, cut body.
    case connection(String)

    public var description: String {
        switch self {
        case .timedOut(let s): "no response within \(Self.format(s)) s"
        case .connection(let m): "connection failed: \(m)"
        }
    }

    static func format(_ s: Double) -> String {
        s == s.rounded() ? String(Int(s)) : String(format: "%.3g", s)
    }
}

/// Sends one request, once. Retries, budgets and authentication live above this
/// (`HTTPClient`), so a test can substitute a transport and a real run uses URLSession.
public protocol HTTPTransport: Sendable {
    /// Throws `TransportFailure` when no response arrived; any HTTP status is a response.
    func send(_ request: HTTPRequestSpec, timeout: Double) async throws -> HTTPResponseData
}

/// Foundation's URLSession (libcurl underneath on Linux). The timeout is enforced twice:
/// as the request's `timeoutInterval` (which Foundation treats as an idle timeout) and as a
/// hard deadline on the whole exchange, so a server that trickles bytes cannot hold a
/// request forever.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    public init(maxConnectionsPerHost: Int = 8) {
        let config = URLSessionConfiguration.ephemeral
        config.httpMaximumConnectionsPerHost = maxConnectionsPerHost
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.urlCache = nil
        config.httpCookieStorage = nil
        config.httpShouldSetCookies = false
        session = URLSession(configuration: config)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ spec: HTTPRequestSpec, timeout: Double) async throws -> HTTPResponseData {
        let session = self.session
        return try await withThrowingTaskGroup(of: HTTPResponseData?.self) { group in
            group.addTask {
                var request = URLRequest(url: spec.url)
                request.httpMethod = spec.method
                // Foundation on Linux truncates the interval to whole seconds (0.5 would
                // time out at once); the deadline below is the precise one.
                request.timeoutInterval = timeout.rounded(.up) + 1
                for h in spec.headers { request.addValue(h.value, forHTTPHeaderField: h.name) }
                request.httpBody = spec.body
                let (data, response): (Data, URLResponse)
                do {
                    (data, response) = try await session.data(for: request)
                } catch let error as URLError {
                    if error.code == .timedOut { throw TransportFailure.timedOut(seconds: timeout) }
                    if error.code == .cancelled, Task.isCancelled { throw CancellationError() }
                    throw TransportFailure.connection(Self.describe(error))
                }
                guard let http = response as? HTTPURLResponse else {
                    throw TransportFailure.connection("not an HTTP response")
                }
                var headers: [String: String] = [:]
                for (k, v) in http.allHeaderFields {
                    if let k = k as? String, let v = v as? String { headers[k.lowercased()] = v }
                }
                return HTTPResponseData(status: http.statusCode, headers: headers, body: data)
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64((timeout * 1000).rounded(.up))))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw TransportFailure.timedOut(seconds: timeout)
            }
            return response
        }
    }

    private static func describe(_ error: URLError) -> String {
        switch error.code {
        case .cannotConnectToHost: "connection refused"
        case .cannotFindHost, .dnsLookupFailed: "host not found"
        case .networkConnectionLost: "connection lost"
        case .notConnectedToInternet: "no network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot: "TLS failure (\(error.code.rawValue))"
        default: "URL error \(error.code.rawValue)"
        }
    }
}
