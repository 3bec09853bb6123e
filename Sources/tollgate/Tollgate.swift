import ArgumentParser

@main
struct Tollgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tollgate",
        abstract: "Policy and security compliance scanner for Google Cloud infrastructure.",
        version: "0.1.0",
        subcommands: [CELCommand.self, HCLCommand.self, PoliciesCommand.self, ExplainCommand.self, BaselineCommand.self]
    )
}
