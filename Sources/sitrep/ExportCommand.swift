import Exports
import ArgumentParser
import Foundation
import SitrepApp

/// `sitrep export --config FILE <id> [--format json|markdown|text] [--output PATH]`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export an incident with its full transcript, follow-ups and chain head.",
        discussion: """
            JSON carries every field and each entry's hash, so a copy can be checked later with \
            `sitrep verify --export FILE`. Markdown and text are for people. Writes to standard output unless \
            --output is given.
            """
    )

    @Option(name: .shortAndLong, help: "The YAML configuration file (for the database path).")
    var config: String

    @Argument(help: "The incident id (4 or INC-4).")
    var id: IncidentIDArgument

    @Option(name: .shortAndLong, help: "json, markdown or text.")
    var format: ExportFormat = .json

    @Option(name: .shortAndLong, help: "The file to write (created or replaced).")
    var output: String?

    func run() async throws {
        let store = try await StoreAccess.open(config: config)
        do {
            var sink = try output.map(FileExportSink.init(path:)) ?? FileExportSink()
            try await IncidentExporter.export(incidentID: id.value, format: format, from: store, to: &sink)
            try sink.flush()
        } catch let error as ExportError {
            StoreAccess.printError("\(error)")
            throw ExitCode.failure
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}
