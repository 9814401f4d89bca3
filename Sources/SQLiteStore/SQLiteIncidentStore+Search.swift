import GRDB
import SitrepCore

extension SQLiteIncidentStore {
    /// bm25 with a title match counting ten times a match in other texts (`search_text`'s configured rank).
    static let rankSQL = "rank"
    /// Transcript matches count half as much as the same bm25 in `search_text`.
    static let transcriptWeight = 0.5

    public func search(query: String, filter: SearchFilter, limit: Int, includeTranscripts: Bool) async throws
        -> [SearchHit]
    {
        guard limit > 0, let all = SearchQuery.match(query, mode: .all) else { return [] }
        let any = SearchQuery.match(query, mode: .any)
        return try await read("search for \(query)") { db in
            var search = FullTextSearch(db: db, filter: filter, limit: limit, transcripts: includeTranscripts)
            let hits = try search.run(match: all)
            guard hits.isEmpty, let any, any != all else { return hits }
            return try search.run(match: any)
        }
    }
}

/// One search inside a read transaction: the best incidents for a MATCH expression, then their snippets.
struct FullTextSearch {
    let db: Database
    let filter: SearchFilter
    let limit: Int
    let transcripts: Bool

    mutating func run(match: String) throws -> [SearchHit] {
        let texts = try ranked(table: "search_text", bits: SearchMigration.pieceBits, rank: SQLiteIncidentStore.rankSQL, match: match)
        let rank = "rank * \(SQLiteIncidentStore.transcriptWeight)"
        let lines = transcripts
            ? try ranked(table: "search_transcript", bits: SearchMigration.transcriptBits, rank: rank, match: match) : []
        return try SearchRanking.top(texts: texts, transcripts: lines, limit: limit).compactMap { id, best in
            try hit(id: id, best: best, match: match)
        }
    }

    /// `(incident id, best score)` of the incidents matching in `table`, best first, filters applied.
    private func ranked(table: String, bits: Int64, rank: String, match: String) throws -> [(Int64, Double)] {
        let (conditions, arguments) = filterSQL()
        let join = conditions.isEmpty ? "" : "JOIN incident i ON i.id = (\(table).rowid >> \(bits))"
        let sql = """
            SELECT \(table).rowid >> \(bits) AS incident_id, MIN(\(rank)) AS score FROM \(table) \(join)
            WHERE \(table) MATCH ? \(conditions.map { "AND \($0)" }.joined(separator: " "))
            GROUP BY incident_id ORDER BY score LIMIT ?
            """
        let rows = try Row.fetchAll(db, sql: sql, arguments: [match] + arguments + [limit])
        return rows.map { ($0[0], $0[1]) }
    }

    private func filterSQL() -> ([String], StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let category = filter.category?.lowercased() {
            conditions.append("(lower(i.category) = ? OR substr(lower(i.category), 1, ?) = ?)")
            arguments += [category, category.count + 1, category + "/"]
        }
        if let service = filter.service {
            conditions.append("EXISTS (SELECT 1 FROM json_each(i.services) WHERE lower(value) = lower(?))")
            arguments += [service]
        }
        if let severity = filter.severity {
            conditions.append("i.severity = ?")
            arguments += [severity.rawValue]
        }
        if let since = filter.since {
            conditions.append("i.declared_at_ms >= ?")
            arguments += [since.milliseconds]
        }
        if let until = filter.until {
            conditions.append("i.declared_at_ms < ?")
            arguments += [until.milliseconds]
        }
        return (conditions, arguments)
    }

    private func hit(id: Int64, best: SearchRanking.Best, match: String) throws -> SearchHit? {
        guard let incident = try IncidentRecord.fetchOne(db, key: id)?.incident() else { return nil }
        let (field, snippet) = best.inTranscript ? try transcriptSnippet(id: id, match: match) : try snippet(id: id, match: match)
        return SearchHit(
            incidentID: id, title: incident.title, state: incident.state, severity: incident.severity,
            category: incident.category, services: incident.services, declaredAt: incident.declaredAt,
            matchedIn: field, snippet: ChatText.oneLine(snippet, limit: 160), score: best.score)
    }

    /// The best piece of one incident: its field and an excerpt with the matched words in brackets.
    private func snippet(id: Int64, match: String) throws -> (String, String) {
        let base = id << SearchMigration.pieceBits
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT field, snippet(search_text, -1, '[', ']', '…', 16) FROM search_text
                WHERE search_text MATCH ? AND rowid >= ? AND rowid < ? ORDER BY \(SQLiteIncidentStore.rankSQL) LIMIT 1
                """,
            arguments: [match, base, base + (1 << SearchMigration.pieceBits)])
        return (row?[0] ?? "title", row?[1] ?? "")
    }

    /// The best transcript line of one incident, read back from the timeline.
    private func transcriptSnippet(id: Int64, match: String) throws -> (String, String) {
        let base = id << SearchMigration.transcriptBits
        guard
            let rowid = try Int64.fetchOne(
                db,
                sql: """
                    SELECT rowid FROM search_transcript WHERE search_transcript MATCH ? AND rowid >= ? AND rowid < ?
                    ORDER BY rank LIMIT 1
                    """,
                arguments: [match, base, base + (1 << SearchMigration.transcriptBits)]),
            let line = try TimelineRecord.fetchOne(
                db, sql: "SELECT \(TimelineRecord.selection) FROM timeline WHERE incident_id = ? AND seq = ?",
                arguments: [id, rowid - base])?.entry
        else { return ("transcript", "") }
        return ("transcript", "<\(line.author)> \(line.text)")
    }
}
