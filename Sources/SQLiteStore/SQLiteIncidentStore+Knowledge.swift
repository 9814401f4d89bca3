import GRDB
import SitrepCore
import StoreKit

extension SQLiteIncidentStore {
    public func addSolution(incidentID: Int64, text: String, createdBy: Participant, at time: Timestamp)
        async throws -> Solution
    {
        try await write("recording a solution for incident #\(incidentID)") { db in
            guard let incident = try IncidentRecord.fetchOne(db, key: incidentID)?.incident() else {
                throw StoreError.unknownIncident(incidentID)
            }
            var record = SolutionRecord(incident: incident, text: text, createdBy: createdBy, at: time)
            try record.insert(db)
            return record.solution()
        }
    }

    /// Past incidents come from two queries, merged: the best title matches (FTS on the title column, any
    /// significant word) and the latest with the same category (or top-level category) or a shared service.
    public func suggestionCandidates(for incident: Incident, limit: Int) async throws -> SuggestionCandidates {
        let words = SignificantWords.of(incident.title).sorted().joined(separator: " ")
        let match = SearchQuery.match(words, mode: .any, column: "title")
        let category = incident.category?.lowercased()
        let topLevel = category?.split(separator: "/").first.map(String.init)
        let services = incident.services.map { $0.lowercased() }
        return try await read("suggestions for incident #\(incident.id)") { db in
            var found: [Int64: Incident] = [:]
            if let match {
                let ids = try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT search_text.rowid >> \(SearchMigration.pieceBits) AS id FROM search_text
                        JOIN incident i ON i.id = (search_text.rowid >> \(SearchMigration.pieceBits))
                        WHERE search_text MATCH ? AND i.state IN ('resolved', 'closed') AND i.id != ?
                        GROUP BY id ORDER BY MIN(\(SQLiteIncidentStore.rankSQL)) LIMIT ?
                        """,
                    arguments: [match, incident.id, limit])
                for record in try IncidentRecord.fetchAll(db, keys: ids) { found[record.id] = try record.incident() }
            }
            let (condition, arguments) = Self.classification(category: category, topLevel: topLevel, services: services)
            if let condition {
                let records = try IncidentRecord.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM incident WHERE state IN ('resolved', 'closed') AND id != ? AND (\(condition))
                        ORDER BY id DESC LIMIT ?
                        """,
                    arguments: [incident.id] + arguments + [limit])
                for record in records { found[record.id] = try record.incident() }
            }
            let solutions = try condition.map { condition in
                try SolutionRecord.fetchAll(
                    db, sql: "SELECT * FROM solution WHERE \(condition) ORDER BY id DESC LIMIT ?",
                    arguments: arguments + [limit]
                ).map { $0.solution() }
            } ?? []
            return SuggestionCandidates(incidents: found.values.sorted { $0.id < $1.id }, solutions: solutions)
        }
    }

    /// `category` equal or under the same top level, or a service in common; nil when the incident has neither.
    private static func classification(category: String?, topLevel: String?, services: [String])
        -> (String?, StatementArguments)
    {
        var parts: [String] = []
        var arguments = StatementArguments()
        if let category, let topLevel {
            parts.append("lower(category) = ? OR lower(category) = ? OR substr(lower(category), 1, ?) = ?")
            arguments += [category, topLevel, topLevel.count + 1, topLevel + "/"]
        }
        if !services.isEmpty {
            let marks = Array(repeating: "?", count: services.count).joined(separator: ", ")
            parts.append("EXISTS (SELECT 1 FROM json_each(services) WHERE lower(value) IN (\(marks)))")
            arguments += StatementArguments(services)
        }
        return (parts.isEmpty ? nil : parts.joined(separator: " OR "), arguments)
    }

    public func reportInput(from: Timestamp, to: Timestamp) async throws -> ReportInput {
        try await read("read of the incidents for a report") { db in
            let incidents = try IncidentRecord.fetchAll(
                db, sql: "SELECT * FROM incident WHERE declared_at_ms >= ? AND declared_at_ms < ? ORDER BY id",
                arguments: [from.milliseconds, to.milliseconds]
            ).map { try $0.incident() }
            var activity: [ResponderActivity] = []
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT t.incident_id, t.kind, t.author, t.detail FROM incident i
                    JOIN timeline t ON t.incident_id = i.id AND t.key_event = 1
                    WHERE i.declared_at_ms >= ? AND i.declared_at_ms < ?
                    AND (t.kind = 'note' OR t.detail = 'ack=first' OR t.detail LIKE 'lead=%')
                    """,
                arguments: [from.milliseconds, to.milliseconds])
            while let row = try rows.next() {
                if let item = Self.activity(row) { activity.append(item) }
            }
            return ReportInput(incidents: incidents, activity: activity)
        }
    }

    /// A note or first ack counts for its author; `lead=old->new` for the new lead (`ResponderActivity.from`).
    private static func activity(_ row: Row) -> ResponderActivity? {
        ResponderActivity.from(
            incidentID: row[0], kind: row[1], author: (row[2] as StoredText).string,
            detail: (row[3] as StoredText?).map { TimelineDetail($0.string) })
    }
}
