/// Storage for what sitrep knows about past incidents: the full-text search index, the standard solutions
/// (`/solution`) and the figures reports are computed from. Part of every `IncidentStore` backend.
///
/// Guarantees every implementation keeps:
/// - Titles, updates, notes, causes, resolutions, identified/workaround/containment texts and solutions are
///   searchable as soon as the `declare` or `commit` that recorded them returned (indexed in that transaction;
///   `SearchText.pieces` says which entries are indexed and how).
/// - Transcript lines are never indexed on `append`: `reindexTranscripts(since:)` indexes them in batches off
///   the hot path, and only `search(…, includeTranscripts: true)` looks at them.
public protocol KnowledgeStore: Sendable {
    /// Incidents matching every word of `query` (or, when none matches every word, any of them), best first:
    /// bm25 with the title weighted above the other texts, filtered by `filter`, at most `limit` hits.
    /// FTS syntax in `query` has no effect: each word is searched for as typed (`SearchQuery`).
    func search(query: String, filter: SearchFilter, limit: Int, includeTranscripts: Bool) async throws
        -> [SearchHit]

    /// Indexes the transcript lines (messages, actions, notices) not yet indexed of incidents open at or after
    /// `since` (every incident when nil), in transactions of at most `batchSize` lines; returns how many lines
    /// were indexed. Safe to call repeatedly; an interrupted run resumes where it stopped.
    func reindexTranscripts(since: Timestamp?, batchSize: Int) async throws -> Int

    /// Records a standard solution for the incident's category and services as they are now.
    func addSolution(incidentID: Int64, text: String, createdBy: Participant, at time: Timestamp) async throws
        -> Solution

    /// What to suggest for `incident`: resolved or closed incidents whose titles share significant words with
    /// its title or that have its category or one of its services, and solutions for its category or services;
    /// at most `limit` of each, unranked (`Suggestions.rank` ranks them).
    func suggestionCandidates(for incident: Incident, limit: Int) async throws -> SuggestionCandidates

    /// The incidents declared in `[from, to)` with the responder activity on their timelines.
    func reportInput(from: Timestamp, to: Timestamp) async throws -> ReportInput
}

extension KnowledgeStore {
    /// `reindexTranscripts(since:batchSize:)` in batches of 2,000 lines.
    public func reindexTranscripts(since: Timestamp?) async throws -> Int {
        try await reindexTranscripts(since: since, batchSize: 2_000)
    }
}
