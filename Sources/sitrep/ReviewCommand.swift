import ArgumentParser
import Foundation
import SitrepApp

/// `sitrep review --config FILE <id> [--format markdown|html] [--output PATH]`: the post-incident review of
/// one incident, generated from its stored timeline.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Print or write the post-incident review of an incident.",
        discussion: """
            Reads the incident, its timeline and its follow-ups from the database named in the config file and \
            renders the review: summary, impact, durations, roles, key events, containment, root cause, \
            resolution, contributing factors, lessons, follow-ups and open questions. The transcript itself is \
            not included (sitrep export has it). Run as the service's user: the config is loaded as `sitrep run` \
            loads it.
            """
    )

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case markdown, html
    }

    @Option(name: .shortAndLong, help: "The YAML configuration file.", completion: .file(extensions: ["yaml", "yml"]))
    var config: String

    @Argument(help: "The incident id (the N of INC-N).")
    var id: Int64

    @Option(name: .shortAndLong, help: "markdown or html.")
    var format: Format = .markdown

    @Option(name: .shortAndLong, help: "Write the review to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let loaded = try StoreAccess.config(config, secrets: .store)
        let text: String
        do {
            let format: ReviewExport.Format = format == .html ? .html : .markdown
            if let postgres = loaded.store.postgres {
                let store = try await StoreAccess.open(loaded)
                text = try await ReviewExport.render(
                    incidentID: id, from: store, location: "database \(postgres.database)", format: format)
            } else {
                text = try await ReviewExport.render(incidentID: id, databasePath: loaded.store.sqlitePath, format: format)
            }
        } catch {
            FileHandle.standardError.write(Data("sitrep review: \(error)\n".utf8))
            throw ExitCode.failure
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            let reason = error.localizedDescription
            FileHandle.standardError.write(Data("sitrep review: cannot write \(output): \(reason)\n".utf8))
            throw ExitCode.failure
        }
    }
}
