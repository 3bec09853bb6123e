import ArgumentParser

@main
struct Tollgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tollgate",
        abstract: "Policy and security compliance scanner for Google Cloud infrastructure.",
        discussion: """
        Exit codes (scan, live): 0 nothing open at or above --fail-on; 1 open findings at or \
        above --fail-on; 2 usage or configuration error, unreadable or unparseable input, or \
        coverage gaps (reports are still written).
        """,
        version: Tollgate.version,
        subcommands: [
            ScanCommand.self,
            LiveCommand.self,
            MergeCommand.self,
            PoliciesCommand.self,
            ExplainCommand.self,
            BaselineCommand.self,
            GraphCommand.self,
            TerraformCommand.self,
            HCLCommand.self,
            CELCommand.self,
        ]
    )

    static let version = "0.1.0"
}
