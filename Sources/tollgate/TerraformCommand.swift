import ArgumentParser
import Foundation
import HCL
import Terraform

/// `tollgate terraform ...`: how Tollgate evaluates Terraform.
struct TerraformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terraform",
        abstract: "Inspect how Tollgate evaluates Terraform configurations and plans.",
        subcommands: [Resources.self]
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

        func run() throws {
            guard format == "json" else { throw ValidationError("unsupported format \(format); only json is available") }
            var instances: [ResourceInstance] = []
            var diagnostics: [Diagnostic] = []
            var dirs: [String] = []
            for p in paths {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue, p.hasSuffix(".json") {
                    let (i, d) = try PlanLoader.load(path: p)
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
}
