import ArgumentParser
import Foundation
import SitrepApp

/// `sitrep check-config --config FILE`: validates a config file and prints a summary or every problem.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a configuration file and print a summary, or every problem found.",
        discussion: """
            Exits 0 and prints `config OK: FILE` with a summary (never secrets), or prints each problem to \
            standard error as `key path: reason` and exits 1. The SASL password is resolved from the environment \
            or its file exactly as `sitrep run` would, so run this as the service's user with its environment.
            """
    )

    @Option(name: .long, help: "The YAML configuration file.", completion: .file(extensions: ["yaml", "yml"]))
    var config: String

    func run() throws {
        let report = ConfigCheck.run(path: config, environment: ProcessInfo.processInfo.environment)
        for line in report.output {
            print(line)
        }
        for line in report.errors {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        if !report.succeeded {
            throw ExitCode.failure
        }
    }
}
