import ArgumentParser
import Foundation
import SitrepCore

/// `sitrep report --config FILE [--since 30d] [--format text|json|csv]`: the incident report of the period
/// ending now (counts, MTTA/MTTR, SLA adherence, recurring incidents, busiest responders).
struct ReportCommand: AsyncParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print incident statistics over a period: counts, MTTA/MTTR, SLA adherence, recurring, responders.",
        discussion: """
            Percentiles are nearest-rank (the p-th of n sorted values is the ⌈p·n/100⌉-th); the median is the \
            p50, the lower middle value for an even count. SLA targets come from the config's priorities.
            """
    )

    @Option(name: .shortAndLong, help: "The YAML configuration file.")
    var config: String
    @Option(help: "The period ending now: 24h, 7d, 30d, 2w.")
    var since = "30d"
    @Option(help: "text, json or csv.")
    var format = Format.text

    func validate() throws {
        if ReportPeriod.parse(since) == nil { throw ValidationError("--since is like 24h, 7d, 30d or 2w") }
    }

    func run() async throws {
        let loaded = try StoreAccess.config(config, secrets: .store)
        let store = try await StoreAccess.open(loaded)
        let now = StoreAccess.now()
        let from = now.adding(.zero - ReportPeriod.parse(since)!)
        let to = now.adding(.milliseconds(1))
        let input = try await store.reportInput(from: from, to: to)
        let report = IncidentReport(input, from: from, to: to, sla: loaded.timerPolicy.slaByPriority, asOf: now)
        switch format {
        case .text: print(ReportFormatter.text(report), terminator: "")
        case .csv: print(ReportFormatter.csv(report), terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            // snake_case, as the HTTP API and the export write their JSON (`by_category`, `time_to_acknowledge`).
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
    }
}
