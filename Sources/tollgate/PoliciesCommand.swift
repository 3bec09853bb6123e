import ArgumentParser
import Assets
import Foundation
import HCL
import Policy
import Terraform

/// `tollgate policies list|show|test|docs`: the policy pack for users and policy authors.
struct PoliciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policies",
        abstract: "List, show and test policies (the built-in pack plus --policies directories).",
        subcommands: [List.self, Show.self, Test.self, Docs.self, Bench.self]
    )

    struct PackOptions: ParsableArguments {
        @Option(name: .long, help: "A directory of custom policies (and profiles/); repeatable. Same ids replace built-ins.")
        var policies: [String] = []

        @Option(name: .long, help: "A directory of GCP custom organization policy constraints; repeatable.")
        var constraints: [String] = []

        func load() -> PolicyPack {
            let pack = PolicyPack.load(customDirectories: policies.map { URL(fileURLWithPath: $0) },
                                       constraintDirectories: constraints.map { URL(fileURLWithPath: $0) })
            for d in pack.diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
            return pack
        }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, markdown
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List policies.")

        @OptionGroup var pack: PackOptions

        @Option(name: .long, help: "Only this family (least-privilege, private-ip, encryption, public-access, deletion-protection, logging).")
        var family: String?

        @Option(name: .long, help: "table, json or markdown.")
        var format: Format = .table

        func run() throws {
            let p = pack.load()
            if let family, Family(rawValue: family) == nil {
                throw ValidationError("unknown family '\(family)'; expected one of: \(Family.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let policies = p.policies.filter { family == nil || $0.family.rawValue == family }
            switch format {
            case .table:
                let w = max(10, policies.map(\.id.count).max() ?? 10)
                for x in policies {
                    print(x.id.padding(toLength: w, withPad: " ", startingAt: 0) + "  "
                          + x.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + "  "
                          + x.family.rawValue.padding(toLength: 19, withPad: " ", startingAt: 0) + "  " + x.title)
                }
            case .json:
                let e = JSONEncoder()
                e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try e.encode(policies.map { $0.metadata() }), as: UTF8.self))
            case .markdown:
                print("| id | severity | family | title |\n|---|---|---|---|")
                for x in policies { print("| \(x.id) | \(x.severity.rawValue) | \(x.family.rawValue) | \(x.title) |") }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a policy's file.")

        @OptionGroup var pack: PackOptions

        @Argument(help: "Policy id, e.g. TG-SQL-001.")
        var id: String

        func run() throws {
            let p = pack.load()
            guard let policy = p.policy(id) else { throw ValidationError("no policy '\(id)' (see `tollgate policies list`)") }
            if policy.origin == .builtIn, let f = PolicyPack.builtInFile(policy.path) {
                print("# \(policy.path)\n" + f, terminator: "")
            } else if let text = try? String(contentsOfFile: policy.path, encoding: .utf8) {
                print("# \(policy.path)\n" + text, terminator: "")
            } else {
                print(PolicyPage.render(policy, pack: p))
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every policy's examples (Terraform and CAI asset forms).",
            discussion: "With DIR, runs the examples of the policies in DIR (custom policies); otherwise the whole pack."
        )

        @OptionGroup var pack: PackOptions

        @Argument(help: "A directory of custom policies to test.")
        var directory: String?

        @Flag(name: .long, help: "Print passing examples too.")
        var verbose = false

        func run() throws {
            var opts = pack
            if let directory { opts.policies.append(directory) }
            let p = opts.load()
            let runner = ExampleRunner(pack: p, terraformLoader: TerraformExamplePipeline.load)
            let selected = p.policies.filter { directory == nil || $0.origin != .builtIn }
            var failed = 0, passed = 0
            for policy in selected {
                for (i, e) in policy.examples.enumerated() {
                    for r in runner.run(policy, e, index: i) {
                        if r.status == .passed { passed += 1 } else { failed += 1 }
                        if verbose || r.status != .passed { print(r) }
                    }
                }
            }
            print("\(selected.count) policies, \(passed) examples passed, \(failed) failed")
            if failed > 0 || p.diagnostics.hasErrors { throw ExitCode(1) }
        }
    }

    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Regenerate docs/policies/ (one page per built-in policy).")

        @Option(name: .long, help: "Output directory.")
        var output = "docs/policies"

        func run() throws {
            let p = PolicyPack.load()
            let fm = FileManager.default
            try fm.createDirectory(atPath: output, withIntermediateDirectories: true)
            let pages = PolicyPage.allPages(p)
            for existing in (try? fm.contentsOfDirectory(atPath: output)) ?? [] where existing.hasSuffix(".md") && pages[existing] == nil {
                try fm.removeItem(atPath: output + "/" + existing)
            }
            for (name, text) in pages { try text.write(toFile: output + "/" + name, atomically: true, encoding: .utf8) }
            print("wrote \(pages.count) pages to \(output)")
        }
    }
}

extension PoliciesCommand {
    /// `tollgate policies bench FILE…`: times the policy stage alone (Benchmarks/policy/run.sh).
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark: evaluate the whole pack over the assets in FILEs (one thread).", shouldDisplay: false)

        @OptionGroup var pack: PoliciesCommand.PackOptions

        @Argument(help: "CAI export files.")
        var files: [String]

        @Option(name: .long, help: "Profile.")
        var profile = "interviewlm"

        @Option(name: .customLong("repeat"), help: "Evaluation runs (the fastest is reported).")
        var runs = 3

        @Flag(name: .long, help: "Also time each policy alone (slowest first).")
        var perPolicy = false

        /// CPU time of this thread: on a shared machine wall time includes waiting for a core.
        static func threadCPUSeconds() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }

        func run() throws {
            let clock = ContinuousClock()
            var t0 = clock.now
            let loaded = AssetLoader.load(paths: files)
            let graph = AssetGraph(assets: loaded.assets)
            let loadTime = clock.now - t0
            t0 = clock.now
            let p = pack.load()
            guard let prof = p.profiles[profile] else { throw ValidationError("no profile '\(profile)'") }
            let engine = PolicyEngine(pack: p, profile: prof)
            let compileTime = clock.now - t0
            var best: Duration = .seconds(1_000_000)
            var outs: [PolicyEngine.Output] = []
            var bestCPU = Double.infinity
            for _ in 0..<max(1, runs) {
                t0 = clock.now
                let c0 = Self.threadCPUSeconds()
                outs.append(engine.evaluate(graph))
                bestCPU = min(bestCPU, Self.threadCPUSeconds() - c0)
                best = min(best, clock.now - t0)
            }
            let out = outs[0]
            let evaluations = out.tallies.reduce(0) { $0 + $1.passed + $1.failed + $1.undetermined }
            func s(_ d: Duration) -> String {
                let secs = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
                return String(format: "%.3f s", secs)
            }
            print("assets: \(graph.assets.count)  policies: \(engine.policyIDs.count)  profile: \(profile)")
            print("load + graph: \(s(loadTime))  compile pack: \(s(compileTime))  resource keys read: \(engine.resourceKeys.map { String($0.count) } ?? "all")")
            print("evaluate (best of \(max(1, runs))): \(s(best)) wall, \(String(format: "%.3f s", bestCPU)) CPU  evaluations: \(evaluations)  findings: \(out.findings.count)  undetermined: \(out.undetermined.count)  gaps: \(out.coverage.count)")
            if perPolicy {
                var times: [(String, Double)] = []
                let c0 = Self.threadCPUSeconds()
                _ = engine.evaluate(graph, options: PolicyEngine.Options(onlyPolicies: []))
                let base = Self.threadCPUSeconds() - c0
                print("  (no policy: \(String(format: "%.3f s", base)) CPU)")
                for id in engine.policyIDs {
                    let t = Self.threadCPUSeconds()
                    _ = engine.evaluate(graph, options: PolicyEngine.Options(onlyPolicies: [id]))
                    times.append((id, Self.threadCPUSeconds() - t))
                }
                for (id, d) in times.sorted(by: { $0.1 > $1.1 }).prefix(20) { print("  \(id): \(String(format: "%.3f s", d)) CPU") }
            }
        }
    }
}

/// `tollgate explain ID`: what a policy checks, why, how to fix it, and its parameters.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a policy.")

    @OptionGroup var pack: PoliciesCommand.PackOptions

    @Argument(help: "Policy id, e.g. TG-SQL-001.")
    var id: String

    func run() throws {
        let p = pack.load()
        guard let policy = p.policy(id) else { throw ValidationError("no policy '\(id)' (see `tollgate policies list`)") }
        print(PolicyPage.render(policy, pack: p), terminator: "")
    }
}

/// `tollgate baseline create PATH…`: record the fingerprints of the current findings, so a
/// later `scan --baseline FILE` reports only new ones (and lists the fixed ones).
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "baseline", abstract: "Manage baselines.", subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Scan PATHs and write the fingerprints of the open findings.")

        @OptionGroup var pack: PoliciesCommand.PackOptions

        @Argument(help: "Terraform directories and export / gcloud / IAM policy files.")
        var paths: [String]

        @Option(name: .long, help: "Profile (gcp-baseline, interviewlm, or one from --policies).")
        var profile = "gcp-baseline"

        @Option(name: .long, help: "Environment of every asset.")
        var env: String?

        @Option(name: .shortAndLong, help: "Baseline file to write.")
        var output = ".tollgate-baseline.json"

        func run() throws {
            let p = pack.load()
            guard let prof = p.profiles[profile] else { throw ValidationError("no profile '\(profile)'") }
            var tfPaths: [String] = [], files: [String] = []
            for path in paths {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue || path.hasSuffix(".tf") {
                    tfPaths.append(path)
                } else {
                    files.append(path)
                }
            }
            var assets: [Asset] = []
            var instances: [ResourceInstance] = []
            var diagnostics: [Diagnostic] = []
            if !tfPaths.isEmpty {
                let r = ConfigurationEvaluator.evaluate(paths: tfPaths)
                instances = r.instances
                diagnostics += r.diagnostics
                let c = TerraformConverter.convert(instances)
                assets += c.assets
                diagnostics += c.diagnostics
            }
            if !files.isEmpty {
                let r = AssetLoader.load(paths: files)
                assets += r.assets
                diagnostics += r.diagnostics
            }
            for d in diagnostics where d.severity == .error { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
            var input = PolicyScan.Input(graph: AssetGraph(assets: assets), today: Self.today())
            input.options = PolicyEngine.Options(environment: env, preventDestroy: PolicyScan.preventDestroy(of: instances))
            input.inlineComments = PolicyScan.inlineComments(of: instances)
            if let text = try? String(contentsOfFile: ".tollgate.yaml", encoding: .utf8) {
                input.configSuppressions = SuppressionRule.parseConfig(text, path: ".tollgate.yaml")
            }
            let out = PolicyScan.run(engine: PolicyEngine(pack: p, profile: prof), input: input)
            let baseline = Baseline(createdAt: ISO8601DateFormatter().string(from: Date()), findings: out.findings)
            try baseline.encoded().write(to: URL(fileURLWithPath: output))
            let open = out.findings.filter { $0.status == .open }.count
            print("\(assets.count) assets, \(out.findings.count) findings (\(open) open), \(out.undetermined.count) undetermined, \(out.coverage.count) coverage gaps")
            for u in out.undetermined { print("undetermined: \(u.policyID) \(u.address ?? u.assetName): \(u.reason)") }
            for g in out.coverage { print("coverage: \(g.kind.rawValue) \(g.subject): \(g.message)") }
            print("wrote \(baseline.findings.count) findings to \(output)")
        }

        static func today() -> String {
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd"
            f.timeZone = TimeZone(identifier: "UTC")
            f.locale = Locale(identifier: "en_US_POSIX")
            return f.string(from: Date())
        }
    }
}
