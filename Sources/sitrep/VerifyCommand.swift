import Exports
import ArgumentParser
import Foundation
import SitrepApp

/// `sitrep verify --config FILE [<id>]` or `sitrep verify --export FILE`: recomputes timeline hash chains.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the tamper-evident hash chain of incident timelines.",
        discussion: """
            Prints `INC-4: intact, 1234 entries, head 3fa2c01b…` per incident, or `INC-4: BROKEN at entry 57: \
            altered (…)` naming the first entry that was altered, removed or inserted, and exits 1 if any chain \
            is broken. With --export, checks a JSON export on its own, without the database.
            """
    )

    @Option(name: .shortAndLong, help: "The YAML configuration file (for the database path).")
    var config: String?

    @Option(name: .long, help: "A JSON file written by `sitrep export --format json` to check instead.")
    var export: String?

    @Argument(help: "The incident id (4 or INC-4); all incidents when omitted.")
    var id: IncidentIDArgument?

    func validate() throws {
        if (config == nil) == (export == nil) {
            throw ValidationError("give either --config FILE (the database) or --export FILE (a JSON export)")
        }
    }

    func run() async throws {
        if let export {
            try checkExport(at: export)
            return
        }
        let store = try await StoreAccess.open(config: config!)
        let report = try await IntegrityCheck.run(incidentID: id?.value, store: store)
        for line in report.lines { print(line) }
        if !report.succeeded { throw ExitCode.failure }
    }

    private func checkExport(at path: String) throws {
        let exported: IncidentExport
        do {
            exported = try JSONDecoder().decode(IncidentExport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            StoreAccess.printError("cannot read the export \(path): \(error)")
            throw ExitCode.failure
        }
        let verification = IntegrityCheck.verify(export: exported)
        print("INC-\(exported.incident.id) (\(path)): \(ChainSummary.line(verification))")
        if !verification.isIntact { throw ExitCode.failure }
    }
}

/// An incident id as typed: `4`, `INC-4` or `#inc-4`.
struct IncidentIDArgument: ExpressibleByArgument {
    var value: Int64

    init?(argument: String) {
        var text = Substring(argument.lowercased())
        for prefix in ["#inc-", "inc-", "#"] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
            break
        }
        guard let value = Int64(text), value > 0 else { return nil }
        self.value = value
    }
}
