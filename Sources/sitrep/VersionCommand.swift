import ArgumentParser
import SitrepCore

/// `sitrep version`: prints `sitrep <version>`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version of sitrep.")

    func run() {
        print("sitrep \(SitrepVersion.current)")
    }
}
