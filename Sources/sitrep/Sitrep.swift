import ArgumentParser
import SitrepApp
import SitrepCore

@main
struct Sitrep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "sitrep, a self-hosted incident-response bot for IRC.",
        subcommands: [Version.self]
    )

    struct Version: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the version of sitrep.")
        func run() { print("sitrep \(SitrepVersion.current)") }
    }
}
