import SitrepCore

/// Writes one incident in an `ExportFormat`, streaming its transcript page by page from the store, so memory
/// stays bounded however long the timeline (100,000 entries export in well under a second).
///
/// The chain head is read first. When the chain verifies intact the transcript stops at that head, so a live
/// incident exports a consistent prefix (exactly the entries the head covers); when it is broken every stored
/// row is exported, as evidence.
public enum IncidentExporter {
    /// Entries read per store call.
    public static let pageSize = 5_000

    public static func export<Store: IncidentStore & TimelineIntegrityStore, Sink: ExportSink>(
        incidentID: Int64, format: ExportFormat, from store: Store, to sink: inout Sink
    ) async throws {
        guard let incident = try await store.incident(id: incidentID) else {
            throw ExportError.unknownIncident(incidentID)
        }
        let head = try await store.chainHead(incidentID: incidentID)
        let verification = try await store.verify(incidentID: incidentID)
        let header = ExportHeader(
            incident: incident,
            followUps: try await store.followUps(incidentID: incidentID, openOnly: false),
            chain: IncidentExport.Chain(encoding: TimelineChain.version, head: head, verification: verification)
        )
        var renderer = renderer(for: format)
        try renderer.begin(header, to: &sink)
        let last = verification.isIntact ? head.sequence : Int64.max
        // Text and Markdown show redacted lines as redacted. A redaction comes after the line it redacts, possibly
        // pages later: collect them all first. JSON is the evidence format, verified offline against the chain, so
        // it keeps every line as stored.
        var redactions = TimelineRedactions()
        if format != .json {
            try await forEachPage(incidentID: incidentID, through: last, from: store) {
                redactions.note($0.map(\.entry))
            }
        }
        try await forEachPage(incidentID: incidentID, through: last, from: store) { page in
            let shown = page.map { ChainedEntry(entry: redactions.shown($0.entry), hash: $0.hash) }
            try renderer.entries(shown, to: &sink)
        }
        try renderer.end(to: &sink)
    }

    /// The chained entries up to sequence `last`, page by page.
    private static func forEachPage<Store: IncidentStore & TimelineIntegrityStore>(
        incidentID: Int64, through last: Int64, from store: Store, _ body: ([ChainedEntry]) throws -> Void
    ) async throws {
        var after: Int64 = 0
        while after < last {
            var page = try await store.chainedEntries(incidentID: incidentID, after: after, limit: pageSize)
            page.removeAll { $0.entry.sequence > last }
            guard let final = page.last else { break }
            try body(page)
            after = final.entry.sequence
        }
    }

    static func renderer(for format: ExportFormat) -> any ExportRenderer {
        switch format {
        case .json: JSONExportRenderer()
        case .markdown: MarkdownExportRenderer()
        case .text: TextExportRenderer()
        }
    }
}

/// What an export says before its transcript.
struct ExportHeader: Sendable {
    var incident: Incident
    var followUps: [FollowUp]
    var chain: IncidentExport.Chain
}

/// One export format: a header, the transcript in pages, an ending.
protocol ExportRenderer {
    mutating func begin(_ header: ExportHeader, to sink: inout some ExportSink) throws
    mutating func entries(_ page: [ChainedEntry], to sink: inout some ExportSink) throws
    mutating func end(to sink: inout some ExportSink) throws
}

/// Why an export could not be made.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownIncident(Int64)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownIncident(let id):
            "no incident INC-\(id) in the database (check the id with \(command: "incidents"), or the --config file)"
        case .cannotWrite(let path, let reason):
            "cannot write the export to \(path): \(reason) (check the directory exists and is writable)"
        }
    }
}
