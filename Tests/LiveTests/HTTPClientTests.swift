import Foundation
import HCL
import Testing
@testable import Live

/// Answers from a script, one per attempt; records what was sent.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    enum Step { case respond(HTTPResponseData), fail(TransportFailure) }
    private let lock = NSLock()
    private var steps: [Step]
    private(set) var sent: [HTTPRequestSpec] = []

    init(_ steps: [Step]) { self.steps = steps }

    func send(_ request: HTTPRequestSpec, timeout: Double) async throws -> HTTPResponseData {
        let step: Step = lock.withLock {
            sent.append(request)
            return steps.isEmpty ? .respond(HTTPResponseData(status: 200)) : steps.removeFirst()
        }
        switch step {
        case .respond(let r): return r
        case .fail(let f): throw f
        }
    }

    var count: Int { lock.withLock { sent.count } }
}

struct HTTPClientTests {
    static let url = URL(string: "https://cloudasset.googleapis.com/v1/projects/p/assets")!

    func client(_ t: ScriptedTransport, _ clock: VirtualClock, _ policy: RetryPolicy = RetryPolicy()) -> HTTPClient {
        HTTPClient(transport: t, policy: policy, clock: clock, jitter: { $0 })
    }

    static func status(_ s: Int, _ headers: [String: String] = [:], _ body: String = "") -> ScriptedTransport.Step {
        .respond(HTTPResponseData(status: s, headers: headers, body: Data(body.utf8)))
    }

    @Test(arguments: [429, 500, 502, 503, 504])
    func retryableStatusesAreRetriedWithExponentialBackoff(status: Int) async throws {
        let t = ScriptedTransport([Self.status(status), Self.status(status), Self.status(status), Self.status(200, [:], "{}")])
        let clock = VirtualClock()
        let x = try await client(t, clock).send(HTTPRequestSpec(url: Self.url))
        #expect(x.attempts == 4)
        #expect(x.retries.map(\.reason) == Array(repeating: "HTTP \(status)", count: 3))
        #expect(clock.sleeps == [1, 2, 4])   // jitter pinned to the ceiling
    }

    @Test(arguments: [400, 401, 403, 404, 409, 501])
    func otherStatusesAreNotRetried(status: Int) async throws {
        let t = ScriptedTransport([Self.status(status)])
        await #expect(throws: LiveError.http(HTTPFailure(status: status, apiError: nil, method: "GET", url: Self.url.absoluteString))) {
            _ = try await client(t, VirtualClock()).send(HTTPRequestSpec(url: Self.url))
        }
        #expect(t.count == 1)
    }

    @Test func connectionErrorsAndTimeoutsAreRetried() async throws {
        let t = ScriptedTransport([.fail(.connection("connection refused")), .fail(.timedOut(seconds: 60)), Self.status(200)])
        let x = try await client(t, VirtualClock()).send(HTTPRequestSpec(url: Self.url))
        #expect(x.retries.map(\.reason) == ["connection failed: connection refused", "no response within 60 s"])
    }

    @Test func backoffCeilingsDoubleUpToTheMaximum() {
        let p = RetryPolicy()
        #expect((1...8).map(p.backoffCeiling) == [1, 2, 4, 8, 16, 32, 32, 32])
    }

    @Test func fullJitterStaysUnderTheCeiling() async throws {
        let t = ScriptedTransport(Array(repeating: Self.status(503), count: 5))
        let clock = VirtualClock()
        let http = HTTPClient(transport: t, policy: RetryPolicy(maxAttempts: 6), clock: clock)   // real jitter
        _ = try await http.send(HTTPRequestSpec(url: Self.url))
        #expect(zip(clock.sleeps, [1.0, 2, 4, 8, 16]).allSatisfy { $0 >= 0 && $0 <= $1 })
    }

    @Test func retriesExhaustedCarriesTheLastFailure() async throws {
        let body = #"{"error":{"code":503,"message":"Backend unavailable","status":"UNAVAILABLE"}}"#
        let t = ScriptedTransport(Array(repeating: Self.status(503, [:], body), count: 3))
        do {
            _ = try await client(t, VirtualClock(), RetryPolicy(maxAttempts: 3)).send(HTTPRequestSpec(url: Self.url))
            Issue.record("expected failure")
        } catch let e as LiveError {
            #expect(e.description == "gave up after 3 attempts: HTTP 503 from GET \(Self.url.absoluteString): UNAVAILABLE: Backend unavailable")
            #expect(e.kind == "retries-exhausted")
        }
    }

    @Test func theTotalBudgetStopsWaitsThatWouldOverrunIt() async throws {
        let t = ScriptedTransport(Array(repeating: Self.status(429, ["Retry-After": "6"]), count: 5))
        let clock = VirtualClock()
        do {
            _ = try await client(t, clock, RetryPolicy(maxAttempts: 10, totalBudget: 10)).send(HTTPRequestSpec(url: Self.url))
            Issue.record("expected failure")
        } catch let e as LiveError {
            #expect(e.kind == "time-budget-exhausted")
            guard case .budgetExhausted(let s, let n, _) = e else { Issue.record("\(e)"); return }
            #expect(s == 10)
            #expect(n == 2)
        }
        #expect(clock.sleeps == [6])
        #expect(t.count == 2)
    }

    @Test func aQuotaProjectTravelsAsXGoogUserProject() async throws {
        struct Fixed: AccessTokenSource {
            func token(forceRefresh: Bool) async throws -> AccessToken { AccessToken(value: "t", expiresAt: nil) }
            var quotaProject: String? { "billing" }
        }
        let t = ScriptedTransport([Self.status(200)])
        _ = try await client(t, VirtualClock()).send(HTTPRequestSpec(url: Self.url), auth: Fixed())
        #expect(t.sent[0].header("authorization") == "Bearer t")
        #expect(t.sent[0].header("X-Goog-User-Project") == "billing")
    }

    @Test func theRateLimiterSpacesRequests() async throws {
        let clock = VirtualClock()
        let limiter = RequestRateLimiter(perMinute: 120, clock: clock)
        for _ in 0..<4 { try await limiter.acquire() }
        #expect(clock.sleeps == [0.5, 0.5, 0.5])
    }

    // MARK: - Retry-After and error bodies

    @Test(arguments: [
        ("120", 120.0),
        ("0", 0.0),
        ("Sun, 06 Nov 1994 08:49:37 GMT", 37.0),
        ("Sunday, 06-Nov-94 08:49:37 GMT", 37.0),
        ("Sun Nov  6 08:49:37 1994", 37.0),
        ("Sun, 06 Nov 1994 08:49:00 GMT", 0.0),   // in the past: no wait
    ])
    func retryAfterSecondsAndHTTPDates(value: String, seconds: Double) throws {
        let now = try #require(RetryAfter.httpDate("Sun, 06 Nov 1994 08:49:00 GMT"))
        #expect(RetryAfter.seconds(value, now: now) == seconds)
    }

    @Test(arguments: ["", "soon", "-5", "1.5", "Mon, 32 Foo 1994 08:49:37 GMT"])
    func retryAfterGarbageIsIgnored(value: String) {
        #expect(RetryAfter.seconds(value, now: Date()) == nil)
    }

    @Test func googleErrorBodies() {
        #expect(GoogleAPIError.parse(Data(#"{"error":{"code":403,"message":"denied","status":"PERMISSION_DENIED","details":[]}}"#.utf8))
                == GoogleAPIError(code: 403, status: "PERMISSION_DENIED", message: "denied"))
        #expect(GoogleAPIError.parse(Data(#"{"error":"invalid_grant","error_description":"Bad Request"}"#.utf8))
                == GoogleAPIError(status: "invalid_grant", message: "Bad Request"))
        #expect(GoogleAPIError.parse(Data("<html>502</html>".utf8)) == nil)
        #expect(GoogleAPIError.parse(Data()) == nil)
    }

    @Test func formEncodingEscapesEverythingButUnreserved() {
        #expect(HTTPRequestSpec.formEncode("a b+c/d=e&f~g.h_i-j") == "a%20b%2Bc%2Fd%3De%26f~g.h_i-j")
        #expect(HTTPRequestSpec.formEncode("é") == "%C3%A9")
    }

    @Test func aRealConnectionRefusedIsRetriedThenReported() async throws {
        let http = HTTPClient(transport: URLSessionTransport(), policy: RetryPolicy(maxAttempts: 2, requestTimeout: 5),
                              clock: VirtualClock(), jitter: { $0 })
        do {
            _ = try await http.send(HTTPRequestSpec(url: URL(string: "http://127.0.0.1:9/x")!))
            Issue.record("expected failure")
        } catch let e as LiveError {
            guard case .retriesExhausted(2, .transport(.connection, _)) = e else { Issue.record("\(e)"); return }
        }
    }
}
