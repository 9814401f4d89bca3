import Logging
import PostgresNIO
import SitrepCore

extension PostgresIncidentStore {
    /// Transcript matches count half as much as the same rank in `search_text`.
    static let transcriptWeight = 0.5

    /// Ranked with `ts_rank_cd` (cover density; the title weighs ten times any other text). The hit's `score` is
    /// the negated rank, so lower is better as with SQLite's bm25 (the values differ between the backends).
    public func search(query: String, filter: SearchFilter, limit: Int, includeTranscripts: Bool) async throws
        -> [SearchHit]
    {
        let words = SearchQuery.words(query)
        guard limit > 0, !words.isEmpty else { return [] }
        return try await read("search for \(query)") { [self] connection in
            let search = PostgresFullTextSearch(
                connection: connection, logger: logger, filter: filter, limit: limit, transcripts: includeTranscripts)
            let hits = try await search.run(words, mode: .all)
            guard hits.isEmpty, words.count > 1 else { return hits }
            return try await search.run(words, mode: .any)
        }
    }
}

/// One search inside a read transaction: the best incidents for the words, then their excerpts.
struct PostgresFullTextSearch {
    let connection: PostgresConnection
    let logger: Logger
    let filter: SearchFilter
    let limit: Int
    let transcripts: Bool

    func run(_ words: [Substring], mode: SearchQuery.Mode) async throws -> [SearchHit] {
        let texts = try await ranked(table: "search_text", words, mode, weight: 1)
        let lines =
            transcripts
            ? try await ranked(table: "search_transcript", words, mode, weight: PostgresIncidentStore.transcriptWeight) : []
        var hits: [SearchHit] = []
        for (id, best) in SearchRanking.top(texts: texts, transcripts: lines, limit: limit) {
            if let hit = try await hit(id: id, best: best, words, mode) { hits.append(hit) }
        }
        return hits
    }

    /// `(incident id, negated best rank × weight)` of the incidents matching in `table`, best first, filtered.
    private func ranked(table: String, _ words: [Substring], _ mode: SearchQuery.Mode, weight: Double) async throws
        -> [(Int64, Double)]
    {
        var query = QueryBuilder()
        let match = FullTextQuery.expression(words, mode: mode, into: &query)
        let conditions = filterConditions(into: &query)
        query.append(
            """
            SELECT s.incident_id, -MAX(ts_rank_cd(s.document, \(match))) * \(query.bind(weight)) AS score
            FROM \(table) s JOIN incident i ON i.id = s.incident_id
            WHERE s.document @@ \(match) \(conditions.map { "AND \($0)" }.joined(separator: " "))
            GROUP BY s.incident_id ORDER BY score, s.incident_id DESC LIMIT \(query.bind(Int64(limit)))
            """)
        var ranked: [(Int64, Double)] = []
        for try await pair in try await connection.query(query.query, logger: logger).decode((Int64, Double).self) {
            ranked.append(pair)
        }
        return ranked
    }

    private func filterConditions(into query: inout QueryBuilder) -> [String] {
        var conditions: [String] = []
        if let category = filter.category.map({ PostgresText.encode($0.lowercased()) }) {
            conditions.append(
                "(lower(i.category) = \(query.bind(category)) OR starts_with(lower(i.category), \(query.bind(category + "/"))))")
        }
        if let service = filter.service.map({ PostgresText.encode($0) }) {
            conditions.append("EXISTS (SELECT 1 FROM unnest(i.services) AS s WHERE lower(s) = lower(\(query.bind(service))))")
        }
        if let severity = filter.severity {
            conditions.append("i.severity = \(query.bind(Int64(severity.rawValue)))")
        }
        if let since = filter.since {
            conditions.append("i.declared_at_ms >= \(query.bind(since.milliseconds))")
        }
        if let until = filter.until {
            conditions.append("i.declared_at_ms < \(query.bind(until.milliseconds))")
        }
        return conditions
    }

    private func hit(id: Int64, best: SearchRanking.Best, _ words: [Substring], _ mode: SearchQuery.Mode) async throws -> SearchHit? {
        let rows = try await connection.rows(
            "SELECT \(unescaped: IncidentRow.columns) FROM incident WHERE id = \(id)", logger: logger)
        guard let row = rows.first else { return nil }
        let incident = try IncidentRow.incident(from: row)
        let (field, snippet) =
            best.inTranscript
            ? try await transcriptSnippet(id: id, words, mode) : try await snippet(id: id, words, mode)
        return SearchHit(
            incidentID: id, title: incident.title, state: incident.state, severity: incident.severity,
            category: incident.category, services: incident.services, declaredAt: incident.declaredAt,
            matchedIn: field, snippet: ChatText.oneLine(snippet, limit: 160), score: best.score)
    }

    /// The best piece of one incident: its field and an excerpt with the matched words in brackets.
    private func snippet(id: Int64, _ words: [Substring], _ mode: SearchQuery.Mode) async throws -> (String, String) {
        var query = QueryBuilder()
        let match = FullTextQuery.expression(words, mode: mode, into: &query)
        query.append(
            """
            SELECT field, ts_headline('\(PostgresSearchIndexer.configuration)', content, \(match),
                'StartSel=[, StopSel=], MaxWords=16, MinWords=6')
            FROM search_text WHERE incident_id = \(query.bind(id)) AND document @@ \(match)
            ORDER BY ts_rank_cd(document, \(match)) DESC, piece LIMIT 1
            """)
        for try await (field, excerpt) in try await connection.query(query.query, logger: logger)
            .decode((String, String).self)
        {
            return (field, PostgresText.decode(excerpt))
        }
        return ("title", "")
    }

    /// The best transcript line of one incident, read back from the timeline.
    private func transcriptSnippet(id: Int64, _ words: [Substring], _ mode: SearchQuery.Mode) async throws
        -> (String, String)
    {
        var query = QueryBuilder()
        let match = FullTextQuery.expression(words, mode: mode, into: &query)
        query.append(
            """
            SELECT \(TimelineRow.columns) FROM timeline WHERE incident_id = \(query.bind(id)) AND seq = (
                SELECT seq FROM search_transcript WHERE incident_id = \(query.bind(id)) AND document @@ \(match)
                ORDER BY ts_rank_cd(document, \(match)) DESC, seq LIMIT 1)
            """)
        guard let row = try await connection.rows(query.query, logger: logger).first else { return ("transcript", "") }
        let line = try TimelineRow.entry(from: row)
        return ("transcript", "<\(line.author)> \(line.text)")
    }
}
