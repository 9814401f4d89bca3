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
        let past = Self.pastStates
        return try await read("suggestions for incident #\(incident.id)") { db in
            var titleMatches: [Incident] = []
            if let match {
                let ids = try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT search_text.rowid >> \(SearchMigration.pieceBits) AS id FROM search_text
                        JOIN incident i ON i.id = (search_text.rowid >> \(SearchMigration.pieceBits))
                        WHERE search_text MATCH ? AND i.state \(past.sql) AND i.id != ?
                        GROUP BY id ORDER BY MIN(\(SQLiteIncidentStore.rankSQL)) LIMIT ?
                        """,
                    arguments: [match] + past.arguments + [incident.id, limit])
                titleMatches = try IncidentRecord.fetchAll(db, keys: ids).map { try $0.incident() }
            }
            var classified: [Incident] = []
            let (condition, arguments) = Self.classification(category: category, topLevel: topLevel, services: services)
            if let condition {
                classified = try IncidentRecord.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM incident WHERE state \(past.sql) AND id != ? AND (\(condition))
                        ORDER BY id DESC LIMIT ?
                        """,
                    arguments: past.arguments + [incident.id] + arguments + [limit]
                ).map { try $0.incident() }
            }
            let solutions = try condition.map { condition in
                try SolutionRecord.fetchAll(
                    db, sql: "SELECT * FROM solution WHERE \(condition) ORDER BY id DESC LIMIT ?",
                    arguments: arguments + [limit]
                ).map { $0.solution() }
            } ?? []
            return SuggestionCandidates(titleMatches: titleMatches, classified: classified, solutions: solutions)
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
            var candidates: [ResponderActivityCandidate] = []
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT t.incident_id, t.seq, t.kind, t.author, t.detail FROM incident i
                    JOIN timeline t ON t.incident_id = i.id AND t.key_event = 1
                    WHERE i.declared_at_ms >= ? AND i.declared_at_ms < ?
                    AND (t.kind = ? OR t.detail = ? OR substr(t.detail, 1, ?) = ?)
                    """,
                arguments: [
                    from.milliseconds, to.milliseconds, ResponderActivity.candidateKind,
                    ResponderActivity.candidateDetail, ResponderActivity.candidateDetailPrefix.count,
                    ResponderActivity.candidateDetailPrefix,
                ])
            while let row = try rows.next() { candidates.append(Self.candidate(row)) }
            return ReportInput(incidents: incidents, activity: ResponderActivity.activity(from: candidates))
        }
    }

    /// A possible responder activity as stored; `ResponderActivity` decides.
    private static func candidate(_ row: Row) -> ResponderActivityCandidate {
        ResponderActivityCandidate(
            incidentID: row[0], sequence: row[1], kind: row[2], author: (row[3] as StoredText).string,
            detail: (row[4] as StoredText?).map { TimelineDetail($0.string) })
    }

    /// `IN (?, ?)` and its arguments: the states of a past incident (`PastIncidents`).
    static var pastStates: (sql: String, arguments: StatementArguments) {
        let marks = Array(repeating: "?", count: PastIncidents.storedStates.count).joined(separator: ", ")
        return ("IN (\(marks))", StatementArguments(PastIncidents.storedStates))
    }
}
