import ArgumentParser

/// The `sitrep` command line. One file per subcommand; `run` (the bot itself) lives in `RunCommand.swift`.
@main
struct Sitrep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitrep",
        abstract: "sitrep, a self-hosted incident-response bot for IRC and Matrix.",
        subcommands: [
            RunCommand.self,
            CheckConfigCommand.self,
            SearchCommand.self,
            ReportCommand.self,
            ReviewCommand.self,
            VersionCommand.self,
            VerifyCommand.self,
            ExportCommand.self,
            MigrateStoreCommand.self,
        ]
    )
}
