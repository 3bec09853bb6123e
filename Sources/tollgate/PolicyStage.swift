import Assets
import Foundation
import HCL
import Policy
import Report
import Terraform

/// The part of a scan that every source of assets shares: the policy pack and profile, the
/// evaluation of the asset graph, the `ScanResult` and the reports. `scan` feeds it what it
/// read from Terraform and files, `live` what Cloud Asset Inventory returned, and `merge`
/// uses only `report`. One implementation, so the three commands cannot drift apart.
struct PolicyStage {
    var options: GateOptions
    var settings: GateOptions.Settings
    var engine: PolicyEngine
    var baseline: Baseline?

    /// What a command read, ready for the policies.
    struct Inputs {
        var assets: [Asset]
        /// Terraform instances (inline suppressions, `prevent_destroy`); empty for live data.
        var instances: [ResourceInstance] = []
        /// Problems reading the inputs: errors (and modules not installed) become coverage gaps,
        /// the rest notices.
        var diagnostics: [Diagnostic] = []
        /// Gaps the command found itself (projects not reached).
        var coverage: [CoverageGap] = []
        var scopeInputs: [Scope.Input] = []
        /// The directory locations are relative to.
        var sourceRoot: String
        var cwd: String
        var gitCommit: String?
        /// `automationDetails.id` is `{prefix}/{environment}/`: scans of code and of live
        /// projects get different SARIF categories, so one upload never closes the other's alerts.
        var automationPrefix = "tollgate"
        var rootVariables: [String: String] = [:]
    }

    /// Loads the policy pack, the profile (with `.tollgate.yaml` parameter overrides) and the
    /// baseline or earlier report. Nil after printing the error: a configuration problem, exit 2.
    static func prepare(options: GateOptions, settings: GateOptions.Settings, printError: (String) -> Void) -> PolicyStage? {
        let pack = PolicyPack.load(customDirectories: options.policyDirectories.map { URL(fileURLWithPath: $0) },
                                   constraintDirectories: options.constraintDirectories.map { URL(fileURLWithPath: $0) })
        guard var profile = pack.profiles[settings.profile] else {
            printError("error: unknown profile '\(settings.profile)'; known: \(pack.profiles.keys.sorted().joined(separator: ", "))")
            return nil
        }
        if let env = settings.env, !profile.defines(env) {
            printError("error: --env \(env): profile '\(profile.name)' defines \(profile.environmentNames.joined(separator: ", "))")
            return nil
        }
        // Parameter overrides from .tollgate.yaml: `all` for every environment, else per environment.
        for (envName, values) in settings.params {
            if envName == "all" {
                profile.params.merge(values) { _, new in new }
            } else {
                profile.environments[envName, default: [:]].merge(values) { _, new in new }
            }
        }
        var baseline: Baseline?
        if let path = options.baseline ?? options.compare {
            do {
                baseline = try loadBaseline(path, isReport: options.compare != nil && options.baseline == nil)
            } catch {
                printError("error: cannot read \(path): \(error)")
                return nil
            }
        }
        return PolicyStage(options: options, settings: settings, engine: PolicyEngine(pack: pack, profile: profile), baseline: baseline)
    }

    /// A baseline file, or (`--compare`) a JSON report of an earlier run whose findings are the baseline.
    static func loadBaseline(_ path: String, isReport: Bool) throws -> Baseline {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if isReport {
            let previous = try JSONReporter.decode(Array(data))
            return Baseline(createdAt: previous.scope.startedAt, findings: previous.findings)
        }
        return try Baseline.decode(data)
    }

    /// Evaluates the policies over the assets' graph and assembles the scan result.
    func result(_ inputs: consuming Inputs) -> ScanResult {
        // The assets are handed to the graph (which sorts them in place) rather than copied:
        // 100,000 assets copied are a million reference counts.
        var inputs = inputs
        let assets = inputs.assets
        inputs.assets = []
        let graph = AssetGraph(assets: assets)
        var input = PolicyScan.Input(graph: graph, today: ScanRun.today(ScanRun.now))
        input.options.environment = settings.env
        input.options.undeterminedFails = settings.undeterminedFails
        input.options.rootModuleVariables = inputs.rootVariables
        input.options.preventDestroy = PolicyScan.preventDestroy(of: inputs.instances)
        if !settings.include.isEmpty || !settings.exclude.isEmpty {
            input.options.onlyPolicies = Set(engine.policyIDs.filter { id in
                (settings.include.isEmpty || settings.include.contains { Glob.matches($0, id) })
                    && !settings.exclude.contains { Glob.matches($0, id) }
            })
        }
        input.inlineComments = PolicyScan.inlineComments(of: inputs.instances)
        input.inlineSuppressions = settings.inlineSuppressions
        if let path = settings.configPath, let text = try? String(contentsOfFile: path, encoding: .utf8) {
            input.configSuppressions = SuppressionRule.parseConfig(text, path: ScanRun.relative(path, to: inputs.sourceRoot))
        }
        input.baseline = baseline
        let output = PolicyScan.run(engine: engine, input: input)

        let environments = settings.env.map { [$0] }
            ?? ScanRun.environments(of: graph.assets, engine: engine, env: nil, rootVariables: inputs.rootVariables)
        var result = ScanResult(
            tool: ToolInfo(version: Tollgate.version, policyPackVersion: PolicyPack.version),
            scope: Scope(
                inputs: ScanRun.deduplicated(inputs.scopeInputs), profile: engine.profile.name,
                environments: environments,
                startedAt: ScanRun.timestamp(ScanRun.now), gitCommit: inputs.gitCommit,
                automationID: "\(inputs.automationPrefix)/\(settings.env ?? (environments.count == 1 ? environments.first! : "all"))/",
                sourceRoot: ScanRun.relative(inputs.sourceRoot, to: inputs.cwd)),
            failOn: settings.failOn)
        output.apply(to: &result)
        result.coverage += inputs.coverage
        result.coverage += inputs.diagnostics.compactMap { ScanRun.coverageGap($0, root: inputs.sourceRoot) }
        result.notices += inputs.diagnostics.filter { $0.severity != .error && $0.code != Diagnostic.Code.moduleNotInstalled }
        result.inventory = ScanRun.inventory(of: graph.assets, engine: engine, env: settings.env, rootVariables: inputs.rootVariables)
        result.graph = ScanRun.graphSummary(graph, findings: result.findings)
        if baseline == nil {
            // Written only where set: a write makes the array (shared with `output`) unique,
            // which copies every finding.
            for i in result.findings.indices where result.findings[i].baselineState != nil { result.findings[i].baselineState = nil }
        }
        return result
    }

    // MARK: Reports

    /// Writes the reports `settings` asks for and prints the console report. Returns the
    /// result's exit code, or 2 when a report could not be written. `allowPartial`
    /// (`tollgate live --allow-partial`): when projects not reached are the only coverage
    /// gaps, the exit code is decided by the findings; the reports still list the gaps.
    static func report(_ result: consuming ScanResult, settings: GateOptions.Settings, quiet: Bool, allowPartial: Bool = false,
                       printError: (String) -> Void) -> Int32 {
        // Sorted in place: the caller hands its result over, so no finding is copied.
        var normalized = result
        normalized.normalize()
        var status = normalized.exitCode
        if allowPartial, !normalized.coverage.isEmpty, normalized.coverage.allSatisfy({ $0.kind == .projectNotReached }) {
            status = normalized.gatingFindings.isEmpty ? 0 : 1
            printError("tollgate: --allow-partial: \(normalized.coverage.count) project(s) not reached; exit code \(status) by the findings")
        }
        let files = settings.formats.filter { $0 != .console }
        if let dir = settings.output {
            do {
                try ReportWriter(directory: dir).write(normalized: normalized,
                    reporters: ReportWriter(directory: dir).reporters(for: files, sourceRoot: normalized.scope.sourceRoot))
            } catch {
                printError("error: \(error)")
                status = 2
            }
        } else if let only = files.first {
            // One file format and no --output: it goes to standard output.
            if let reporter = ReportWriter(directory: ".").reporters(for: [only], sourceRoot: normalized.scope.sourceRoot).first,
               let bytes = try? reporter.render(normalized: normalized) {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
        if settings.formats.contains(.console) || (settings.output != nil && !quiet) {
            let console = ConsoleReporter(color: ConsoleReporter.wantsColor(), quiet: quiet)
            if let bytes = try? console.render(normalized: normalized) {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
        ExitRetention.keep(normalized)
        return status
    }
}
