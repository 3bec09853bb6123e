import ArgumentParser
import Assets
import Crypto
import Foundation
import HCL
import Live
import Policy
import Report

/// `tollgate live`: fetch projects, a folder or an organization from Cloud Asset Inventory,
/// then the same policies and reports as `tollgate scan`.
struct LiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Scan live projects, a folder or an organization through Cloud Asset Inventory.",
        discussion: """
        Every resource and IAM policy in scope is listed with the Cloud Asset Inventory API \
        (assets.list, RESOURCE and IAM_POLICY content), normalized exactly as a CAI export is, \
        and checked by the same policies as `tollgate scan`. A project that cannot be read \
        (403, 404, retries exhausted) is listed in every report's coverage section and as a \
        SARIF tool notification.

        Credentials, first found wins: --access-token-file, GOOGLE_OAUTH_ACCESS_TOKEN, \
        GOOGLE_APPLICATION_CREDENTIALS (service_account, authorized_user, external_account, \
        impersonated_service_account), gcloud's application-default credentials, the metadata \
        server. Endpoints: --api-endpoint / TOLLGATE_CAI_ENDPOINT, --token-endpoint / \
        TOLLGATE_TOKEN_ENDPOINT, TOLLGATE_STS_ENDPOINT, TOLLGATE_IAMCREDENTIALS_ENDPOINT, \
        GCE_METADATA_HOST. Sharding: --shard I/N, else CLOUD_RUN_TASK_INDEX / \
        CLOUD_RUN_TASK_COUNT; combine shard reports with `tollgate merge`.

        Exit codes:
          0  nothing open at or above --fail-on
          1  open findings at or above --fail-on
          2  usage, configuration or credential error, or a project not reached (unless \
        --allow-partial); the reports are still written
        """
    )

    @Option(name: .customLong("project"), parsing: .upToNextOption,
            help: "Project IDs or numbers (repeatable; several after one flag or comma-separated).")
    var projects: [String] = []

    @Option(help: "A folder number: every active project under it.")
    var folder: String?

    @Option(help: "An organization number: every active project under it.")
    var organization: String?

    @Option(name: .customLong("asset-types"), parsing: .upToNextOption,
            help: "Asset types (or RE2 patterns) to list; default all.")
    var assetTypes: [String] = []

    @Option(name: .customLong("read-time"), help: "Snapshot time, RFC 3339 (the API keeps 35 days).")
    var readTime: String?

    @Option(help: "Projects fetched at once.")
    var concurrency = 4

    @Option(help: "I/N: scan the I-th (0-based) of N disjoint slices of the project list.")
    var shard: String?

    @Option(name: .customLong("save-export"), help: "Write what was fetched as a CAI export (NDJSON) to FILE.")
    var saveExport: String?

    @Flag(name: .customLong("allow-partial"), help: "Projects not reached do not make the exit code 2 (they are still reported).")
    var allowPartial = false

    @Option(name: .customLong("access-token-file"), help: "A file holding an OAuth 2.0 access token.")
    var accessTokenFile: String?

    @Option(name: .customLong("api-endpoint"), help: "Cloud Asset Inventory endpoint (default https://cloudasset.googleapis.com).")
    var apiEndpoint: String?

    @Option(name: .customLong("token-endpoint"), help: "OAuth 2.0 token endpoint for service-account and authorized-user credentials.")
    var tokenEndpoint: String?

    @Option(name: .customLong("max-requests-per-minute"), help: "Pace API requests to stay under a quota.")
    var maxRequestsPerMinute: Int?

    @Flag(help: "Log HTTP requests to stderr (Authorization redacted, no bodies).")
    var debug = false

    @OptionGroup(title: "Report and gate options (as for scan)")
    var report: ReportOptions

    func run() async throws {
        throw ExitCode(await execute())
    }

    func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The API `assets.list` names in provenance.
    static let api = "v1/assets.list"

    func execute() async -> Int32 {
        let cwd = FileManager.default.currentDirectoryPath
        let environment = ProcessInfo.processInfo.environment
        let gate = report.gate

        // 1. Configuration: report settings, then what to fetch; both before any request.
        let (settingsResult, configDiagnostics) = gate.settings(searchPaths: [])
        for d in configDiagnostics { printError(d.description) }
        guard let settings = settingsResult, !configDiagnostics.hasErrors else { return 2 }
        let options: LiveOptions
        do {
            options = try liveOptions(environment: environment)
            try options.validate()
        } catch {
            printError("error: \(error)")
            return 2
        }
        // The policies too: a wrong --profile must not cost an organization-wide fetch.
        guard let stage = PolicyStage.prepare(options: gate, settings: settings, printError: printError) else { return 2 }

        // 2. The fetch.
        let progress: StderrProgress? = gate.quiet ? nil : StderrProgress()
        let debugLog = debug ? DebugLog { s in FileHandle.standardError.write(Data((s + "\n").utf8)) } : nil
        let http = HTTPClient(transport: URLSessionTransport(maxConnectionsPerHost: max(8, options.concurrency + 2)),
                              policy: options.retry, debug: debugLog)
        // The snapshot lives only until its records are loaded: at 100,000 assets its `Value`
        // trees are the largest thing in memory, and the loaded assets keep only their parts.
        var records: [Value]
        let coverage: [CoverageGap], notices: [Diagnostic], readTime: String
        var scopeInputs: [Scope.Input]
        var saveFailed = false
        var saveInput: Scope.Input?
        do {
            let snapshot = try await LiveScanner(options: options, http: http, progress: progress).fetch()
            // 3. Evidence and assets. `--save-export` writes the export NDJSON; the fetched
            // records are loaded as the export loader loads that file, so `tollgate scan FILE`
            // sees asset for asset the same graph (`AssetLoader.load(records:filename:)`).
            if let path = saveExport {
                let export = ExportWriter.ndjson(snapshot.assets)
                do {
                    try Data(export).write(to: URL(fileURLWithPath: path), options: .atomic)
                    saveInput = Scope.Input(path: ScanRun.relative(path, to: cwd), sha256: Self.sha256(export), kind: "cai-export")
                } catch {
                    printError("error: --save-export \(path): \(error.localizedDescription)")
                    saveFailed = true
                }
            }
            records = snapshot.assets.map(\.json)
            coverage = Self.coverage(snapshot)
            notices = Self.skippedNotices(snapshot)
            scopeInputs = Self.scopeInputs(snapshot)
            readTime = snapshot.readTime ?? ScanRun.timestamp(snapshot.startedAt)
        } catch {
            printError("error: \(error)")
            return 2
        }
        if let saveInput { scopeInputs.append(saveInput) }
        let exportName = saveExport ?? "live-export.ndjson"
        // No records from projects that were all reached is an empty inventory (an
        // `--asset-types` filter that matches nothing, a new project), not a gap in coverage:
        // said as a notice, and the scan passes. Projects not reached are already coverage gaps.
        var loaded = AssetLoader.load(records: records, filename: exportName)
        if records.isEmpty {
            loaded.diagnostics.append(.warning(
                "Cloud Asset Inventory returned no assets for the scanned scope",
                detail: "every project reached listed no assets\(options.assetTypes.isEmpty ? "" : " of the requested types"); nothing was evaluated"))
        }
        records = []
        let provenance = LiveProvenance(api: "\(options.endpoints.assetInventory.host ?? "cloudasset.googleapis.com")/\(Self.api)",
                                        readTime: readTime)
        for i in loaded.assets.indices { loaded.assets[i].provenance = .live(provenance) }

        // 4. Policies and reports, as for `scan`.
        var inputs = PolicyStage.Inputs(assets: loaded.takeAssets(), diagnostics: loaded.diagnostics + notices,
                                        coverage: coverage, scopeInputs: scopeInputs,
                                        sourceRoot: cwd, cwd: cwd, gitCommit: nil)
        inputs.automationPrefix = "tollgate-live"
        let result = stage.result(inputs)
        let status = PolicyStage.report(result, settings: settings, quiet: gate.quiet, allowPartial: allowPartial,
                                        printError: printError)
        return saveFailed ? 2 : status
    }

    func liveOptions(environment: [String: String]) throws -> LiveOptions {
        let scopes = [!projects.isEmpty, folder != nil, organization != nil].filter { $0 }.count
        guard scopes == 1 else {
            throw LiveError.configuration("give exactly one of --project, --folder or --organization")
        }
        let scope: ScanScope
        if let folder { scope = .folder(folder) }
        else if let organization { scope = .organization(organization) }
        else { scope = .projects(Self.split(projects)) }
        var endpoints = try Endpoints.fromEnvironment(environment)
        if let a = apiEndpoint { endpoints.assetInventory = try Endpoints.url(a, "--api-endpoint") }
        if let t = tokenEndpoint { endpoints.oauthToken = try Endpoints.url(t, "--token-endpoint") }
        return LiveOptions(scope: scope, assetTypes: Self.split(assetTypes), readTime: readTime, concurrency: concurrency,
                           shard: try Shard.resolve(flag: shard, environment: environment), endpoints: endpoints,
                           accessTokenFile: accessTokenFile, maxRequestsPerMinute: maxRequestsPerMinute,
                           environment: environment)
    }

    /// `--project a,b --project c` → `[a, b, c]`.
    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Failed projects (and a folder or organization listing that failed) are coverage gaps:
    /// none of their assets were checked.
    static func coverage(_ snapshot: LiveSnapshot) -> [CoverageGap] {
        snapshot.outcomes.compactMap { o in
            guard case .failed(let e) = o.status else { return nil }
            var message = "\(o.statusName): \(e)"
            if !o.retries.isEmpty { message += " (\(o.requests) requests, \(o.retries.count) retries)" }
            return CoverageGap(kind: .projectNotReached, subject: o.parent, message: message)
        }
    }

    /// Projects skipped on purpose (not ACTIVE) are not gaps, but never silent either.
    static func skippedNotices(_ snapshot: LiveSnapshot) -> [Diagnostic] {
        snapshot.outcomes.compactMap { o in
            guard case .skipped(let why) = o.status else { return nil }
            return Diagnostic(severity: .warning, summary: "\(o.parent) skipped", detail: why, range: nil)
        }
    }

    /// One scope input per listing read completely: the request URL (live inputs have no hash).
    static func scopeInputs(_ snapshot: LiveSnapshot) -> [Scope.Input] {
        var base = snapshot.endpoint
        while base.hasSuffix("/") { base.removeLast() }
        return snapshot.outcomes.filter { if case .complete = $0.status { true } else { false } }
            .map { Scope.Input(path: "\(base)/v1/\($0.parent)/assets", sha256: "", kind: "live") }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
