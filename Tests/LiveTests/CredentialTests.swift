import Crypto
import _CryptoExtras
import Foundation
import HCL
import Testing
@testable import Live

/// Every credential source against the fake token endpoints.
@Suite(.serialized) struct CredentialTests {
    static let email = "tollgate-test@tollgate-fixtures.iam.gserviceaccount.com"

    static func serviceAccountJSON(tokenURI: String) throws -> String {
        let pem = try Fixture.text("test-service-account-key.pem")
        return Value.object([
            "type": "service_account", "project_id": "tollgate-fixtures", "private_key_id": "0123456789abcdef",
            "private_key": .string(pem), "client_email": .string(email), "client_id": "1234567890",
            "token_uri": .string(tokenURI),
        ]).jsonString
    }

    /// Resolves credentials in `env`, fetches a token, and returns it with the resolver's origin.
    func token(_ fake: FakeGoogle, env: [String: String], accessTokenFile: String? = nil, endpoints: Endpoints? = nil,
               clock: VirtualClock = VirtualClock()) async throws -> (AccessToken, CredentialOrigin, CachedTokenSource) {
        let resolver = CredentialResolver(accessTokenFile: accessTokenFile, environment: env,
                                          endpoints: endpoints ?? Endpoints(metadataHost: fake.hostPort),
                                          http: .test(clock: clock))
        let creds = try resolver.resolve()
        let t = try await creds.tokens.token(forceRefresh: false)
        return (t, creds.origin, creds.tokens)
    }

    // MARK: - Service account (JWT bearer)

    @Test func serviceAccountKeySignsAnRS256AssertionAndExchangesIt() async throws {
        let fake = try await FakeGoogle.start()
        let dir = try Fixture.tempDirectory()
        let tokenURI = fake.baseURL.absoluteString + "/token"
        let path = try Fixture.write(try Self.serviceAccountJSON(tokenURI: tokenURI), to: dir, "sa.json")
        let clock = VirtualClock()
        let (t, origin, _) = try await token(fake, env: ["GOOGLE_APPLICATION_CREDENTIALS": path], clock: clock)
        await fake.stop()
        #expect(t.value == "tok-1")
        #expect(t.expiresAt == clock.base.addingTimeInterval(3600))
        #expect(origin == .applicationCredentials(path: path, type: "service_account"))

        let req = try #require(fake.requests(path: "/token").first)
        #expect(req.method == "POST")
        #expect(req.headers["content-type"] == "application/x-www-form-urlencoded")
        let form = req.form
        #expect(Set(form.keys) == ["grant_type", "assertion"])
        #expect(form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer")

        // JWT structure: header.claims.signature, base64url without padding.
        let assertion = try #require(form["assertion"])
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(!assertion.contains("=") && !assertion.contains("+") && !assertion.contains("/"))
        let header = try #require(JWT.base64URLDecode(parts[0]))
        #expect(String(decoding: header, as: UTF8.self) == #"{"alg":"RS256","typ":"JWT","kid":"0123456789abcdef"}"#)
        let claims = try JSONReader.parse(Array(try #require(JWT.base64URLDecode(parts[1])))).get()
        let iat = Int(clock.base.timeIntervalSince1970)
        #expect(claims == .object([
            "iss": .string(Self.email), "scope": "https://www.googleapis.com/auth/cloud-platform",
            "aud": .string(tokenURI), "iat": .number(iat), "exp": .number(iat + 3600),
        ]))

        // RS256 = RSASSA-PKCS1-v1_5 with SHA-256, verified with the public key openssl derived.
        let publicKey = try _RSA.Signing.PublicKey(pemRepresentation: try Fixture.text("test-service-account-key.pub.pem"))
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(JWT.base64URLDecode(parts[2])))
        #expect(signature.rawRepresentation.count == 256)
        let signed = Data("\(parts[0]).\(parts[1])".utf8)
        #expect(publicKey.isValidSignature(signature, for: SHA256.hash(data: signed), padding: .insecurePKCS1v1_5))
        // Not PSS, and not valid for other claims.
        #expect(!publicKey.isValidSignature(signature, for: SHA256.hash(data: signed), padding: .PSS))
        let tampered = Data("\(parts[0]).\(JWT.base64URL(Data(#"{"iss":"evil"}"#.utf8)))".utf8)
        #expect(!publicKey.isValidSignature(signature, for: SHA256.hash(data: tampered), padding: .insecurePKCS1v1_5))
    }

    @Test func theTokenEndpointOverrideWinsOverTheFilesTokenURI() async throws {
        let fake = try await FakeGoogle.start()
        let dir = try Fixture.tempDirectory()
        let path = try Fixture.write(try Self.serviceAccountJSON(tokenURI: "https://oauth2.googleapis.com/token"), to: dir, "sa.json")
        let endpoints = try Endpoints.fromEnvironment([
            "TOLLGATE_TOKEN_ENDPOINT": fake.baseURL.absoluteString + "/token", "GCE_METADATA_HOST": fake.hostPort,
        ])
        let (t, _, _) = try await token(fake, env: ["GOOGLE_APPLICATION_CREDENTIALS": path], endpoints: endpoints)
        await fake.stop()
        #expect(t.value == "tok-1")
        // The JWT audience is the endpoint actually used.
        let assertion = try #require(fake.requests(path: "/token").first?.form["assertion"])
        let claims = try JSONReader.parse(Array(try #require(JWT.base64URLDecode(assertion.split(separator: ".")[1])))).get()
        #expect(claims["aud"] == .string(fake.baseURL.absoluteString + "/token"))
    }

    @Test func aRejectedGrantIsAnAuthenticationErrorWithoutSecrets() async throws {
        let fake = try await FakeGoogle.start()
        fake.injectTokenFaults([FakeResponse(status: 400, body: Data(#"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#.utf8))])
        let dir = try Fixture.tempDirectory()
        let path = try Fixture.write(try Self.serviceAccountJSON(tokenURI: fake.baseURL.absoluteString + "/token"), to: dir, "sa.json")
        do {
            _ = try await token(fake, env: ["GOOGLE_APPLICATION_CREDENTIALS": path])
            Issue.record("expected an authentication error")
        } catch let e as LiveError {
            #expect(e == .authentication("service account \(Self.email): HTTP 400 from POST \(fake.baseURL.absoluteString)/token: invalid_grant: Invalid JWT Signature."))
        }
        #expect(fake.requests(path: "/token").count == 1)   // 400 is not retried
        await fake.stop()
    }

    @Test func aTokenEndpointOutageIsRetried() async throws {
        let fake = try await FakeGoogle.start()
        fake.injectTokenFaults([.googleError(503, "UNAVAILABLE", "try again"), FakeResponse(status: 500)])
        let dir = try Fixture.tempDirectory()
        let path = try Fixture.write(#"{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r"}"#, to: dir, "u.json")
        let clock = VirtualClock()
        var endpoints = Endpoints(metadataHost: fake.hostPort)
        endpoints.oauthToken = fake.baseURL.appendingPathComponent("token")
        let (t, _, _) = try await token(fake, env: ["GOOGLE_APPLICATION_CREDENTIALS": path], endpoints: endpoints, clock: clock)
        await fake.stop()
        #expect(t.value == "tok-1")
        #expect(fake.requests(path: "/token").count == 3)
        #expect(clock.sleeps == [0.5, 1])
    }

    // MARK: - Authorized user (refresh token)

    @Test func authorizedUserUsesTheRefreshTokenGrantAndItsQuotaProject() async throws {
        let fake = try await FakeGoogle.start()
        CAI.populate(fake, project: "p1", buckets: 1)
        let dir = try Fixture.tempDirectory()
        let path = try Fixture.write("""
            {"type":"authorized_user","client_id":"cid.apps.googleusercontent.com","client_secret":"s3cr3t",\
            "refresh_token":"1//refresh+token/=","quota_project_id":"billing-proj"}
            """, to: dir, "adc.json")
        var endpoints = Endpoints(assetInventory: fake.baseURL, metadataHost: fake.hostPort)
        endpoints.oauthToken = fake.baseURL.appendingPathComponent("token")
        let options = LiveOptions(scope: .projects(["p1"]), endpoints: endpoints, environment: ["GOOGLE_APPLICATION_CREDENTIALS": path])
        let s = try await LiveScanner(options: options, http: .test(clock: VirtualClock())).fetch()
        await fake.stop()
        #expect(s.assets.count == 2)
        #expect(s.credentials == .applicationCredentials(path: path, type: "authorized_user"))
        #expect(fake.requests(path: "/token").map(\.form) == [[
            "grant_type": "refresh_token", "client_id": "cid.apps.googleusercontent.com",
            "client_secret": "s3cr3t", "refresh_token": "1//refresh+token/=",
        ]])
        #expect(fake.caiRequests.allSatisfy { $0.headers["x-goog-user-project"] == "billing-proj" && $0.bearer == "tok-1" })
    }

    // MARK: - External account (Workload Identity Federation)

    func externalAccount(_ fake: FakeGoogle, dir: URL, source: String, extra: String = "") throws -> String {
        try Fixture.write("""
            {"type":"external_account",\
            "audience":"//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/gh/providers/gh",\
            "subject_token_type":"urn:ietf:params:oauth:token-type:jwt","token_url":"https://sts.googleapis.com/v1/token",\
            "credential_source":\(source)\(extra)}
            """, to: dir, "wif.json")
    }

    func wifEndpoints(_ fake: FakeGoogle) throws -> Endpoints {
        try Endpoints.fromEnvironment([
            "TOLLGATE_STS_ENDPOINT": fake.baseURL.absoluteString + "/sts/v1/token",
            "TOLLGATE_IAMCREDENTIALS_ENDPOINT": fake.baseURL.absoluteString,
            "GCE_METADATA_HOST": fake.hostPort,
        ])
    }

    @Test func externalAccountExchangesAFileSourcedSubjectTokenAtSTS() async throws {
        let fake = try await FakeGoogle.start()
        let dir = try Fixture.tempDirectory()
        let subject = try Fixture.write("eyJhbGciOiJSUzI1NiJ9.github-oidc.sig\n", to: dir, "oidc.jwt")
        let path = try externalAccount(fake, dir: dir, source: "{\"file\":\"\(subject)\"}")
        let (t, origin, _) = try await token(fake, env: ["GOOGLE_APPLICATION_CREDENTIALS": path], endpoints: try wifEndpoints(fake))
        await fake.stop()
        #expect(t.value == "sts-1")
        #expect(origin == .applicationCredentials(path: path, type: "external_account"))
        let req = try #require(fake.requests(path: "/sts/v1/token").first)
        #expect(req.headers["authorization"] == nil)
        #expect(req.form == [
            "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
            "audience": "//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/gh/providers/gh",
            "scope": "https://www.googleapis.com/auth/cloud-platform",
            "requested_token_type": "urn:ietf:params:oauth:token-type:access_token",
            "subject_token": "eyJhbGciOiJSUzI1NiJ9.github-oidc.sig",
            "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
        ])
    }

    @Test func externalAccountImpersonatesAServiceAccountWhenTheFileSaysSo() async throws {
        let fake = try await FakeGoogle.start()
        let dir = try Fixture.tempDirectory()
        let subject = try Fixture.write(#"{"value":"json-subject"}"#, to: dir, "oidc.json")
        let path = try externalAccount(fake, dir: dir,
            source: "{\"file\":\"\(subject)\",\"format\":{\"type\":\"json\",\"subject_token_field_name\":\"value\"}}",
            extra: ",\"client_id\":\"cid\",\"client_secret\":\"csec\",\"service_account_impersonation_url\":\"https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/scanner@p.iam.gserviceaccount.com:generateAccessToken\",\"service_account_impersonation\":{\"token_lifetime_seconds\":1800}")
        let (t, _, _) = try await token(fake, env: ["GOOGLE_APPLICATION_CREDENTIALS": path], endpoints: try wifEndpoints(fake))
        let sts = try #require(fake.requests(path: "/sts/v1/token").first)
        let imp = try #require(fake.requests(path: "/v1/projects/-/serviceAccounts/scanner@p.iam.gserviceaccount.com:generateAccessToken").first)
        await fake.stop()
        #expect(t.value == "imp-2")
        #expect(sts.form["subject_token"] == "json-subject")
        #expect(sts.form["options"] == nil)
        #expect(sts.headers["authorization"] == "Basic " + Data("cid:csec".utf8).base64EncodedString())
        #expect(imp.method == "POST")
        #expect(imp.bearer == "sts-1")
        #expect(String(decoding: imp.body, as: UTF8.self) == #"{"lifetime":"1800s","scope":["https://www.googleapis.com/auth/cloud-platform"]}"#)
    }

    @Test func externalAccountReadsAURLSourcedSubjectTokenAndPassesTheWorkforceUserProject() async throws {
        let fake = try await FakeGoogle.start()
        let dir = try Fixture.tempDirectory()
        let path = try externalAccount(fake, dir: dir,
            source: "{\"url\":\"\(fake.baseURL.absoluteString)/subject\",\"headers\":{\"X-Subject\":\"yes\"},\"format\":{\"type\":\"json\",\"subject_token_field_name\":\"id_token\"}}",
            extra: ",\"workforce_pool_user_project\":\"wf-billing\"")
        let (t, _, _) = try await token(fake, env: ["GOOGLE_APPLICATION_CREDENTIALS": path], endpoints: try wifEndpoints(fake))
        await fake.stop()
        #expect(t.value == "sts-1")
        let form = try #require(fake.requests(path: "/sts/v1/token").first?.form)
        #expect(form["subject_token"] == "subject-from-url")
        #expect(form["options"] == #"{"userProject":"wf-billing"}"#)
    }

    @Test(arguments: [
        (#"{"environment_id":"aws1"}"#, "AWS-sourced"),
        (#"{"executable":{"command":"x"}}"#, "executable-sourced"),
        (#"{}"#, "credential_source needs \"file\" or \"url\""),
    ])
    func unsupportedExternalSourcesAreConfigurationErrors(source: String, message: String) throws {
        let data = Data("""
            {"type":"external_account","audience":"a","subject_token_type":"t","token_url":"https://sts.googleapis.com/v1/token",\
            "credential_source":\(source)}
            """.utf8)
        do {
            _ = try CredentialFile.parse(data, origin: "wif.json")
            Issue.record("expected an error")
        } catch let LiveError.configuration(m) {
            #expect(m.hasPrefix("wif.json: "))
            #expect(m.contains(message))
        }
    }

    // MARK: - gcloud ADC, metadata server, bare tokens

    @Test func gcloudApplicationDefaultCredentialsHonorCLOUDSDK_CONFIGThenHOME() async throws {
        let fake = try await FakeGoogle.start()
        let home = try Fixture.tempDirectory()
        let config = try Fixture.tempDirectory()
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".config/gcloud"), withIntermediateDirectories: true)
        let user = #"{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"from-home"}"#
        let homeADC = try Fixture.write(user, to: home, ".config/gcloud/application_default_credentials.json")
        let configADC = try Fixture.write(user.replacingOccurrences(of: "from-home", with: "from-config"), to: config,
                                          "application_default_credentials.json")
        var endpoints = Endpoints(metadataHost: fake.hostPort)
        endpoints.oauthToken = fake.baseURL.appendingPathComponent("token")
        let (_, o1, _) = try await token(fake, env: ["HOME": home.path], endpoints: endpoints)
        let (_, o2, _) = try await token(fake, env: ["HOME": home.path, "CLOUDSDK_CONFIG": config.path], endpoints: endpoints)
        await fake.stop()
        #expect(o1 == .gcloudApplicationDefault(path: homeADC, type: "authorized_user"))
        #expect(o2 == .gcloudApplicationDefault(path: configADC, type: "authorized_user"))
        #expect(fake.requests(path: "/token").map { $0.form["refresh_token"] ?? "" } == ["from-home", "from-config"])
    }

    @Test func theMetadataServerIsTheLastResort() async throws {
        let fake = try await FakeGoogle.start()
        let empty = try Fixture.tempDirectory()
        let endpoints = try Endpoints.fromEnvironment(["GCE_METADATA_HOST": fake.hostPort])
        let (t, origin, _) = try await token(fake, env: ["HOME": empty.path], endpoints: endpoints)
        await fake.stop()
        #expect(t.value == "gce-1")
        #expect(origin == .metadataServer(host: fake.hostPort))
        let req = try #require(fake.requests(path: "/computeMetadata/v1/instance/service-accounts/default/token").first)
        #expect(req.headers["metadata-flavor"] == "Google")
        #expect(req.q("scopes") == "https://www.googleapis.com/auth/cloud-platform")
    }

    @Test func noMetadataServerFailsFastWithAnAuthenticationError() async throws {
        // A port nothing listens on.
        let empty = try Fixture.tempDirectory()
        let resolver = CredentialResolver(environment: ["HOME": empty.path], endpoints: Endpoints(metadataHost: "127.0.0.1:9"),
                                          http: .test(clock: VirtualClock()))
        let creds = try resolver.resolve()
        await #expect(throws: LiveError.self) { _ = try await creds.tokens.token(forceRefresh: false) }
    }

    @Test func firstFoundWins() async throws {
        let fake = try await FakeGoogle.start()
        let dir = try Fixture.tempDirectory()
        let tokenFile = try Fixture.write("  from-file\n", to: dir, "token.txt")
        let user = try Fixture.write(#"{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r"}"#, to: dir, "u.json")
        let adcDir = dir.appendingPathComponent("gcloud")
        try FileManager.default.createDirectory(at: adcDir, withIntermediateDirectories: true)
        let adc = try Fixture.write(#"{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r"}"#,
                                    to: adcDir, "application_default_credentials.json")
        var endpoints = Endpoints(metadataHost: fake.hostPort)
        endpoints.oauthToken = fake.baseURL.appendingPathComponent("token")
        let all = ["GOOGLE_OAUTH_ACCESS_TOKEN": "from-env", "GOOGLE_APPLICATION_CREDENTIALS": user, "CLOUDSDK_CONFIG": adcDir.path]

        let (t1, o1, _) = try await token(fake, env: all, accessTokenFile: tokenFile, endpoints: endpoints)
        #expect(t1 == AccessToken(value: "from-file", expiresAt: nil))
        #expect(o1 == .accessTokenFile(path: tokenFile))
        let (t2, o2, _) = try await token(fake, env: all, endpoints: endpoints)
        #expect(t2.value == "from-env")
        #expect(o2 == .accessTokenEnvironment)
        var rest = all
        rest["GOOGLE_OAUTH_ACCESS_TOKEN"] = nil
        let (_, o3, _) = try await token(fake, env: rest, endpoints: endpoints)
        #expect(o3 == .applicationCredentials(path: user, type: "authorized_user"))
        rest["GOOGLE_APPLICATION_CREDENTIALS"] = nil
        let (_, o4, _) = try await token(fake, env: rest, endpoints: endpoints)
        #expect(o4 == .gcloudApplicationDefault(path: adc, type: "authorized_user"))
        await fake.stop()
    }

    @Test func anAccessTokenFileIsReadAgainWhenTheAPIRejectsTheToken() async throws {
        let fake = try await FakeGoogle.start()
        CAI.populate(fake, project: "p1", buckets: 1)
        let dir = try Fixture.tempDirectory()
        let file = try Fixture.write("old-token\n", to: dir, "token")
        fake.accept("old-token")
        fake.accept("new-token")
        fake.revoke("old-token", afterRequests: 1)
        let options = LiveOptions(scope: .projects(["p1"]), endpoints: Endpoints(assetInventory: fake.baseURL),
                                  accessTokenFile: file, environment: [:])
        // A sidecar rotates the file while the scan runs.
        let progress = RotateOnFirstPage(path: file, to: "new-token")
        let s = try await LiveScanner(options: options, http: .test(clock: VirtualClock()), progress: progress).fetch()
        await fake.stop()
        #expect(s.isComplete)
        #expect(fake.caiRequests.map { $0.bearer ?? "" } == ["old-token", "old-token", "new-token"])
        #expect(s.outcomes[0].retries.map(\.reason) == ["HTTP 401 (token refreshed)"])
    }

    @Test(arguments: [
        ("/nonexistent/creds.json", "/nonexistent/creds.json: cannot read credentials file"),
    ])
    func aMissingApplicationCredentialsFileIsAnError(path: String, message: String) throws {
        let resolver = CredentialResolver(environment: ["GOOGLE_APPLICATION_CREDENTIALS": path], endpoints: Endpoints(),
                                          http: .test(clock: VirtualClock()))
        #expect(throws: LiveError.configuration(message)) { try resolver.resolve() }
    }

    @Test(arguments: [
        ("not json", "creds.json: not valid JSON (byte 0: invalid literal)"),
        ("[]", "creds.json: expected a JSON object"),
        (#"{"type":"api_key"}"#, "creds.json: unsupported credentials type \"api_key\" (expected service_account, authorized_user, external_account or impersonated_service_account)"),
        (#"{"type":"service_account","client_email":"a@b"}"#, "creds.json: missing \"private_key\""),
        (#"{"type":"authorized_user","client_id":"c","client_secret":"s"}"#, "creds.json: missing \"refresh_token\""),
        (#"{"type":"service_account","client_email":"a","private_key":"k","token_uri":"ftp://x"}"#, "creds.json: \"token_uri\": not an absolute http(s) URL: ftp://x"),
    ])
    func invalidCredentialFilesSayWhy(text: String, message: String) {
        #expect(throws: LiveError.configuration(message)) { try CredentialFile.parse(Data(text.utf8), origin: "creds.json") }
    }

    @Test func aBadPrivateKeyIsAConfigurationError() async throws {
        let dir = try Fixture.tempDirectory()
        let path = try Fixture.write(#"{"type":"service_account","client_email":"a@b","private_key":"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"}"#, to: dir, "sa.json")
        let resolver = CredentialResolver(environment: ["GOOGLE_APPLICATION_CREDENTIALS": path], endpoints: Endpoints(),
                                          http: .test(clock: VirtualClock()))
        let creds = try resolver.resolve()
        do {
            _ = try await creds.tokens.token(forceRefresh: false)
            Issue.record("expected an error")
        } catch let LiveError.configuration(m) {
            #expect(m.hasPrefix("private_key is not a usable RSA key in PEM form"))
        }
    }

    @Test func impersonatedServiceAccountFilesImpersonateOnTopOfTheirSource() async throws {
        let fake = try await FakeGoogle.start()
        let dir = try Fixture.tempDirectory()
        let path = try Fixture.write("""
            {"type":"impersonated_service_account","delegates":["projects/-/serviceAccounts/mid@p.iam.gserviceaccount.com"],\
            "service_account_impersonation_url":"https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/target@p.iam.gserviceaccount.com:generateAccessToken",\
            "source_credentials":{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r"}}
            """, to: dir, "imp.json")
        var endpoints = try wifEndpoints(fake)
        endpoints.oauthToken = fake.baseURL.appendingPathComponent("token")
        let (t, origin, _) = try await token(fake, env: ["GOOGLE_APPLICATION_CREDENTIALS": path], endpoints: endpoints)
        let imp = try #require(fake.requests(path: "/v1/projects/-/serviceAccounts/target@p.iam.gserviceaccount.com:generateAccessToken").first)
        await fake.stop()
        #expect(origin == .applicationCredentials(path: path, type: "impersonated_service_account"))
        #expect(t.value == "imp-2")
        #expect(imp.bearer == "tok-1")
        #expect(String(decoding: imp.body, as: UTF8.self) == #"{"delegates":["projects/-/serviceAccounts/mid@p.iam.gserviceaccount.com"],"lifetime":"3600s","scope":["https://www.googleapis.com/auth/cloud-platform"]}"#)
    }

    // MARK: - Caching and redaction

    @Test func tokensAreCachedUntilNearExpiryAndSharedByConcurrentCallers() async throws {
        let fake = try await FakeGoogle.start()
        fake.tokenLifetime = 3600
        let endpoints = try Endpoints.fromEnvironment(["GCE_METADATA_HOST": fake.hostPort])
        let clock = VirtualClock()
        let empty = try Fixture.tempDirectory()
        let (_, _, source) = try await token(fake, env: ["HOME": empty.path], endpoints: endpoints, clock: clock)
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<10 { group.addTask { try await source.token(forceRefresh: false).value } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(values) == ["gce-1"])
        clock.advance(3299)   // refresh margin: min(300 s, lifetime / 4) = 300 s before expiry
        #expect(try await source.token(forceRefresh: false).value == "gce-1")
        clock.advance(2)
        #expect(try await source.token(forceRefresh: false).value == "gce-2")
        #expect(try await source.token(forceRefresh: true).value == "gce-3")
        #expect(await source.fetchCount == 3)
        await fake.stop()
    }

    @Test func tokensNeverAppearInDescriptions() {
        let t = AccessToken(value: "ya29.secret-value", expiresAt: Date(timeIntervalSince1970: 100))
        #expect("\(t)" == "AccessToken(<redacted>, expires 100.0)")
        #expect(String(reflecting: t) == "AccessToken(<redacted>, expires 100.0)")
        #expect(DebugLog.redact("Bearer ya29.secret-value") == "Bearer <redacted>")
        #expect(DebugLog.redact("ya29") == "<redacted>")
    }
}

/// Rewrites the access-token file after the first page, as a rotating sidecar would.
final class RotateOnFirstPage: LiveProgress, @unchecked Sendable {
    let path: String
    let token: String
    let heartbeatInterval: Double? = nil
    private let lock = NSLock()
    private var done = false

    init(path: String, to token: String) {
        self.path = path
        self.token = token
    }

    func handle(_ event: LiveEvent) {
        guard case .pageFetched = event else { return }
        lock.withLock {
            guard !done else { return }
            done = true
            try? Data(token.utf8).write(to: URL(fileURLWithPath: path))
        }
    }
}
