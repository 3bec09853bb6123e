import ArgumentParser

@main
struct Tollgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tollgate",
        abstract: "Policy and security compliance scanner for Google Cloud infrastructure.",
        subcommands: [BaselineCommand.self, CELCommand.self, ExplainCommand.self, GraphCommand.self, HCLCommand.self, PoliciesCommand.self, ScanCommand.self, TerraformCommand.self]
    )

    static let version = "0.1.0"
}
