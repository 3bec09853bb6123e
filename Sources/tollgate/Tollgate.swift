import ArgumentParser

@main
struct Tollgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tollgate",
        abstract: "Policy and security compliance scanner for Google Cloud infrastructure.",
        version: Tollgate.version,
        subcommands: [ScanCommand.self, CELCommand.self, GraphCommand.self, HCLCommand.self, TerraformCommand.self]
    )

    static let version = "0.1.0"
}
