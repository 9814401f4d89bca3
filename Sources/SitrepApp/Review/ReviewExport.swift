import Foundation
import SQLiteStore
import SitrepCore

/// Builds the post-incident review of one stored incident, for `sitrep review`: reads the incident, its whole
/// timeline and its follow-ups from the SQLite database and renders them.
public enum ReviewExport {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        case markdown
        case html
    }

    /// Why no review could be made; the description tells the operator what to check.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case noDatabase(path: String)
        case noIncident(id: Int64, path: String)

        public var description: String {
            switch self {
            case .noDatabase(let path):
                "no sitrep database at \(path); pass the config file the bot runs with (store.sqlite.path)"
            case .noIncident(let id, let path):
                "no incident \(id) in \(path); \(command: "incidents") in chat lists the open ones"
            }
        }
    }

    /// The review of incident `id` stored in the database at `databasePath`, rendered as `format`.
    ///
    /// Refuses to create a database that does not exist yet (a wrong config would otherwise make an empty one).
    public static func render(incidentID id: Int64, databasePath: String, format: Format) async throws -> String {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw Failure.noDatabase(path: databasePath)
        }
        let store = try SQLiteIncidentStore(path: databasePath)
        defer { try? store.close() }
        return try await render(incidentID: id, from: store, location: databasePath, format: format)
    }

    /// The review of incident `id` in `store` (any backend), rendered as `format`; `location` names the store in
    /// messages.
    public static func render(incidentID id: Int64, from store: some IncidentStore, location: String, format: Format)
        async throws -> String
    {
        guard let incident = try await store.incident(id: id) else {
            throw Failure.noIncident(id: id, path: location)
        }
        let timeline = try await store.timeline(incidentID: id, limit: nil, keyEventsOnly: false)
        let followUps = try await store.followUps(incidentID: id, openOnly: false)
        let now = Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
        let head = try await store.chainHead(incidentID: id)
        let document = ReviewDocument(
            incident: incident, timeline: timeline, followUps: followUps, chainHead: head.hash.description, generatedAt: now)
        switch format {
        case .markdown: return document.markdown()
        case .html: return document.html()
        }
    }
}
