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

    @OptionGroup var report: ReportOptions

    @Option(name: .customLong("var-file"), help: "Terraform variable file (in command-line order with --var).")
    var varFiles: [String] = []

    @Option(name: .customLong("var"), help: "Terraform variable, name=value.")
    var vars: [String] = []

    @Option(name: .customLong("root"), help: "Treat DIR as a root module.")
    var roots: [String] = []

    @Option(name: .customLong("iam-policy"), help: "RESOURCE=FILE: the resource an IAM policy file belongs to.")
    var iamPolicies: [String] = []

    func run() async throws {
        let status = ScanRun(command: self).execute()
        throw ExitCode(status)
    }
}
