import ArgumentParser

/// The report and gate flags shared by `tollgate scan` and `tollgate live` (one declaration,
/// so a nightly job can switch between an export and the live API without touching the rest
/// of its command line).
struct ReportOptions: ParsableArguments {
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

    @Option(help: "Configuration file (default: .tollgate.yaml in the scanned directory or the working directory).")
    var config: String?

    @Option(help: "report (default) or fail: whether undetermined checks fail the gate.")
    var undetermined: String?

    @Flag(name: .customLong("no-inline-suppressions"), help: "Ignore # tollgate:ignore comments; only the config file may waive (live data has no comments).")
    var noInlineSuppressions = false

    @Flag(help: "Print nothing but errors: no progress, no console report.")
    var quiet = false

    var gate: GateOptions {
        GateOptions(env: env, profile: profile, policyDirectories: policyDirectories,
                    constraintDirectories: constraintDirectories, format: format, output: output,
                    failOn: failOn, baseline: baseline, compare: compare, config: config,
                    undetermined: undetermined, noInlineSuppressions: noInlineSuppressions, quiet: quiet)
    }
}
