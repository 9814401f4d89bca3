import PostgresNIO
import SitrepCore
import StoreKit

extension PostgresIncidentStore {
    static let solutionColumns = "id, incident_id, text, category, services, created_at_ms, created_by"

    public func addSolution(incidentID: Int64, text: String, createdBy: Participant, at time: Timestamp)
        async throws -> Solution
    {
        let creator = try JSONText.encode(createdBy)
        let rows = try await rows(
            "recording a solution for incident #\(incidentID)",
            """
            INSERT INTO solution (incident_id, text, category, services, created_at_ms, created_by)
            SELECT id, \(PostgresText.encode(text)), category, services, \(time.milliseconds), \(creator)
            FROM incident WHERE id = \(incidentID)
            RETURNING \(unescaped: Self.solutionColumns)
            """)
        guard let row = rows.first else { throw StoreError.unknownIncident(incidentID) }
        return try Self.solution(row)
    }

    /// Past incidents come from two queries, merged: the best title matches (any significant word of the title,
    /// ranked) and the latest with the same category (or top-level category) or a shared service.
    public func suggestionCandidates(for incident: Incident, limit: Int) async throws -> SuggestionCandidates {
        let words = SignificantWords.of(incident.title).sorted()
        let classification = Classification(incident)
        return try await read("suggestions for incident #\(incident.id)") { [self] connection in
            var titleMatches: [Incident] = []
            if !words.isEmpty {
                var query = QueryBuilder()
                let match = FullTextQuery.expression(words.map { Substring($0) }, mode: .any, into: &query)
                query.append(
                    """
                    SELECT \(IncidentRow.columns) FROM incident WHERE id IN (
                        SELECT s.incident_id FROM search_text s JOIN incident i ON i.id = s.incident_id
                        WHERE s.field = 'title' AND s.document @@ \(match)
                        AND i.state = ANY(\(query.bind(PastIncidents.storedStates)))
                        AND i.id <> \(query.bind(incident.id))
                        GROUP BY s.incident_id ORDER BY MAX(ts_rank_cd(s.document, \(match))) DESC
                        LIMIT \(query.bind(Int64(limit))))
                    """)
                titleMatches = try await connection.rows(query.query, logger: logger).map { try IncidentRow.incident(from: $0) }
            }
            guard !classification.isEmpty else {
                return SuggestionCandidates(titleMatches: titleMatches, classified: [], solutions: [])
            }
            var query = QueryBuilder()
            let condition = classification.condition(into: &query)
            query.append(
                """
                SELECT \(IncidentRow.columns) FROM incident WHERE state = ANY(\(query.bind(PastIncidents.storedStates)))
                AND id <> \(query.bind(incident.id)) AND (\(condition)) ORDER BY id DESC LIMIT \(query.bind(Int64(limit)))
                """)
            let classified = try await connection.rows(query.query, logger: logger).map { try IncidentRow.incident(from: $0) }
            var solutions = QueryBuilder()
            let solutionCondition = classification.condition(into: &solutions)
            solutions.append(
                """
                SELECT \(Self.solutionColumns) FROM solution WHERE \(solutionCondition)
                ORDER BY id DESC LIMIT \(solutions.bind(Int64(limit)))
                """)
            return SuggestionCandidates(
                titleMatches: titleMatches, classified: classified,
                solutions: try await connection.rows(solutions.query, logger: logger).map(Self.solution))
        }
    }

    public func reportInput(from: Timestamp, to: Timestamp) async throws -> ReportInput {
        try await read("read of the incidents for a report") { [self] connection in
            let incidents = try await connection.rows(
                """
                SELECT \(unescaped: IncidentRow.columns) FROM incident
                WHERE declared_at_ms >= \(from.milliseconds) AND declared_at_ms < \(to.milliseconds) ORDER BY id
                """, logger: logger
            ).map { try IncidentRow.incident(from: $0) }
            var candidates: [ResponderActivityCandidate] = []
            let rows = try await connection.query(
                """
                SELECT t.incident_id, t.seq, t.kind, t.author, t.detail FROM incident i
                JOIN timeline t ON t.incident_id = i.id AND t.key_event
                WHERE i.declared_at_ms >= \(from.milliseconds) AND i.declared_at_ms < \(to.milliseconds)
                AND (t.kind = \(ResponderActivity.candidateKind) OR t.detail = \(ResponderActivity.candidateDetail)
                    OR starts_with(t.detail, \(ResponderActivity.candidateDetailPrefix)))
                """, logger: logger)
            for try await (id, seq, kind, author, detail) in rows.decode((Int64, Int64, String, String, String?).self) {
                candidates.append(
                    ResponderActivityCandidate(
                        incidentID: id, sequence: seq, kind: kind, author: PostgresText.decode(author),
                        detail: PostgresText.decode(detail).map { TimelineDetail($0) }))
            }
            return ReportInput(incidents: incidents, activity: ResponderActivity.activity(from: candidates))
        }
    }

    private static func solution(_ row: PostgresRow) throws -> Solution {
        let cells = row.makeRandomAccess()
        return Solution(
            id: try cells[0].decode(Int64.self),
            incidentID: try cells[1].decode(Int64.self),
            text: PostgresText.decode(try cells[2].decode(String.self)),
            category: PostgresText.decode(try cells[3].decode(String?.self)),
            services: try cells[4].decode([String].self).map { PostgresText.decode($0) },
            createdAt: Timestamp(milliseconds: try cells[5].decode(Int64.self)),
            createdBy: try JSONText.decode(Participant.self, try cells[6].decode(String.self)))
    }
}

/// The category and services an incident shares with past ones, as an SQL condition on a row with `category`
/// and `services` columns (incidents and solutions alike).
private struct Classification {
    var category: String?
    var topLevel: String?
    var services: [String]

    init(_ incident: Incident) {
        category = incident.category.map { PostgresText.encode($0.lowercased()) }
        topLevel = category?.split(separator: "/").first.map(String.init)
        services = incident.services.map { PostgresText.encode($0.lowercased()) }
    }

    var isEmpty: Bool { category == nil && services.isEmpty }

    /// `category` equal or under the same top level, or a service in common.
    func condition(into query: inout QueryBuilder) -> String {
        var parts: [String] = []
        if let category, let topLevel {
            parts.append(
                "lower(category) = \(query.bind(category)) OR lower(category) = \(query.bind(topLevel)) "
                    + "OR starts_with(lower(category), \(query.bind(topLevel + "/")))")
        }
        if !services.isEmpty {
            parts.append("EXISTS (SELECT 1 FROM unnest(services) AS s WHERE lower(s) = ANY(\(query.bind(services))))")
        }
        return parts.joined(separator: " OR ")
    }
}
