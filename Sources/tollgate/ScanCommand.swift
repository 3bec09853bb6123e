import ArgumentParser
import Foundation
import Policy
import Report

/// `tollgate scan`: the pipeline from inputs to reports and the exit code of the CI gate.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan Terraform, plans, exports and gcloud output against the policy pack.",
        discussion: """
        Inputs of every kind may be mixed: directories of Terraform (every root module under \
        them is evaluated), `terraform show -json` plans, Cloud Asset Inventory exports (NDJSON, \
        JSON), `gcloud … describe` output, IAM policies and folders with a \
        tollgate-evidence.yaml manifest.

        Exit codes:
          0  nothing open at or above --fail-on
          1  open findings at or above --fail-on
          2  usage or configuration error, unreadable or unparseable input, or coverage gaps \
        (the reports are still written, listing what could not be read)
        """
    )

    @Argument(help: "Files and directories to scan.")
    var paths: [String]

    @Option(help: "Environment of every asset (overrides labels and root-module names).")
    var env: String?

    @Option(help: "Profile: interviewlm, gcp-baseline, or one from --policies (default: gcp-baseline).")
    var profile: String?

    @Option(name: .customLong("policies"), help: "Directory of more policies (overrides built-in ids).")
    var policyDirectories: [String] = []

    @Option(name: .customLong("constraints"), help: "Directory of GCP custom organization policy constraints.")
    var constraintDirectories: [String] = []

    @Option(help: "Comma-separated formats: console, sarif, markdown, json, junit (default: console).")
    var format: String?

    @Option(help: "Directory to write tollgate.sarif, tollgate.md, tollgate.json, tollgate.junit.xml into.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "critical, high, medium, low, info or none (default: high).")
    var failOn: String?

    @Option(help: "Baseline file (from `tollgate baseline create`): marks findings new or unchanged.")
    var baseline: String?

    @Option(help: "A JSON report of an earlier run: marks findings new, unchanged or resolved.")
    var compare: String?

    @Option(name: .customLong("var-file"), help: "Terraform variable file (in command-line order with --var).")
    var varFiles: [String] = []

    @Option(name: .customLong("var"), help: "Terraform variable, name=value.")
    var vars: [String] = []

    @Option(name: .customLong("root"), help: "Treat DIR as a root module.")
    var roots: [String] = []

    @Option(name: .customLong("iam-policy"), help: "RESOURCE=FILE: the resource an IAM policy file belongs to.")
    var iamPolicies: [String] = []

    @Option(help: "Configuration file (default: .tollgate.yaml in the scanned directory or the working directory).")
    var config: String?

    @Option(help: "report (default) or fail: whether undetermined checks fail the gate.")
    var undetermined: String?

    @Flag(name: .customLong("no-inline-suppressions"), help: "Ignore # tollgate:ignore comments; only the config file may waive.")
    var noInlineSuppressions = false

    @Flag(help: "Print nothing but errors to the console.")
    var quiet = false

    func run() async throws {
        let status = ScanRun(command: self).execute()
        throw ExitCode(status)
    }
}
