import ArgumentParser
import Foundation
import SitrepCore

/// `sitrep search --config FILE <words> [--category …] [--service …] [--sev N] [--since 30d] [--transcripts]`:
/// full-text search over past incidents, best first, one per line.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search past incidents: titles, updates, notes, causes, resolutions, solutions.",
        discussion: """
            Words are searched as typed (FTS syntax has no effect); every word must match, or any when no \
            incident matches them all. --transcripts also searches chat lines indexed so far.
            """
    )

    @Option(name: .shortAndLong, help: "The YAML configuration file.")
    var config: String
    @Option(help: "Only this category (a top-level category includes its sub-categories).")
    var category: String?
    @Option(help: "Only incidents affecting this service.")
    var service: String?
    @Option(help: "Only this severity (1-4).")
    var sev: Int?
    @Option(help: "Only incidents declared within this period (24h, 7d, 30d, 2w).")
    var since: String?
    @Flag(help: "Also search transcripts (brings their index up to date first; it is not kept on the hot path).")
    var transcripts = false
    @Option(help: "At most this many results.")
    var limit = 20
    @Argument(help: "Words to search for.")
    var words: [String]

    func validate() throws {
        if let sev, Severity(rawValue: sev) == nil { throw ValidationError("--sev must be 1-4") }
        if let since, ReportPeriod.parse(since) == nil { throw ValidationError("--since is like 24h, 7d, 30d or 2w") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let store = try await StoreAccess.open(try StoreAccess.config(config, secrets: .store))
        let request = SearchRequest(
            words: words.joined(separator: " "), category: category, service: service,
            severity: sev.flatMap(Severity.init(rawValue:)), within: since.flatMap(ReportPeriod.parse),
            includeTranscripts: transcripts)
        if transcripts { _ = try await store.reindexTranscripts(since: nil) }
        let hits = try await store.search(
            query: request.words, filter: request.filter(now: StoreAccess.now()), limit: limit,
            includeTranscripts: transcripts)
        if hits.isEmpty { print("no incidents match") }
        for hit in hits { print(hit.line) }
    }
}
