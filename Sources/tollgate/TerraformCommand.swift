import ArgumentParser
import Foundation
import HCL
import Terraform

/// `tollgate terraform ...`: how Tollgate evaluates Terraform.
struct TerraformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terraform",
        abstract: "Inspect how Tollgate evaluates Terraform configurations and plans.",
        subcommands: [Resources.self, Bench.self]
    )

    /// `tollgate terraform resources PATH... --format json`: the resource instances the later
    /// stages consume (a debug view).
    struct Resources: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the resource instances of configurations (directories) or plans (terraform show -json files).")

        @Argument(help: "Directories with .tf files, or plan JSON files.")
        var paths: [String]

        @Option(help: "Output format (json).")
        var format = "json"

        @Option(name: .customLong("root"), help: "Treat this directory as a root module (repeatable).")
        var roots: [String] = []

        @Option(name: .customLong("var"), help: "Set a root variable: name=value (repeatable, in order with --var-file).")
        var vars: [String] = []

        @Option(name: .customLong("var-file"), help: "Read root variables from a .tfvars or .tfvars.json file (repeatable).")
        var varFiles: [String] = []

        @Option(help: "For plans: the configuration directory they were made from (default: the plan's directory when it has .tf files).")
        var source: String?

        func run() throws {
            guard format == "json" else { throw ValidationError("unsupported format \(format); only json is available") }
            var instances: [ResourceInstance] = []
            var diagnostics: [Diagnostic] = []
            var dirs: [String] = []
            for p in paths {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue, p.hasSuffix(".json") {
                    let (i, d) = try PlanLoader.load(path: p, source: source)
                    instances += i
                    diagnostics += d
                } else {
                    dirs.append(p)
                }
            }
            if !dirs.isEmpty {
                var options = EvaluationOptions()
                options.forcedRoots = roots
                // --var and --var-file keep their relative order on the command line.
                let args = CommandLine.arguments
                var cli: [EvaluationOptions.CommandLineVariable] = []
                var vi = 0, fi = 0
                var i = 0
                while i < args.count {
                    if args[i] == "--var" || args[i].hasPrefix("--var=") {
                        if vi < vars.count { cli.append(.assignment(vars[vi])); vi += 1 }
                    } else if args[i] == "--var-file" || args[i].hasPrefix("--var-file=") {
                        if fi < varFiles.count { cli.append(.file(varFiles[fi])); fi += 1 }
                    }
                    i += 1
                }
                options.commandLineVariables = cli
                let result = ConfigurationEvaluator.evaluate(paths: dirs, options: options)
                instances += result.instances
                diagnostics += result.diagnostics
            }
            FileHandle.standardOutput.write(Data(ResourceInstanceJSON.render(instances, diagnostics: diagnostics).utf8))
            for d in diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
            if diagnostics.hasErrors { throw ExitCode(2) }
        }
    }

    /// `tollgate terraform bench DIR`: evaluation time and peak memory (Benchmarks/terraform).
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate the configurations under DIR and report time, instances and peak memory.",
            shouldDisplay: false)

        @Argument(help: "Directory of root modules.")
        var path: String

        func run() throws {
            var options = EvaluationOptions()
            options.environment = [:]
            let clock = ContinuousClock()
            var result: EvaluationResult? = nil
            let elapsed = clock.measure {
                result = ConfigurationEvaluator.evaluate(paths: [path], options: options)
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            var usage = rusage()
            getrusage(0, &usage)  // 0 = RUSAGE_SELF (imported as an enum on Glibc)
            let r = result!
            let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
                + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
            print(String(format: "evaluated %d roots, %d resource instances, %d diagnostics in %.3f s wall (process CPU %.3f s); max RSS %.1f MB",
                         r.roots.count, r.instances.count, r.diagnostics.count, seconds, cpu, Double(usage.ru_maxrss) / 1024))
        }
    }
}
