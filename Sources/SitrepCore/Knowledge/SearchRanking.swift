/// Merges the scores a store found per incident, in the incident texts and in the transcripts, into the best
/// incidents of a search. Scores are lower-is-better (SQLite's bm25, PostgreSQL's negated rank); an incident's
/// transcript score counts only when it beats its text score; ties go to the newer incident.
public enum SearchRanking {
    /// An incident's best score and whether it came from its transcript.
    public struct Best: Sendable, Equatable {
        public var score: Double
        public var inTranscript: Bool

        public init(score: Double, inTranscript: Bool) {
            self.score = score
            self.inTranscript = inTranscript
        }
    }

    /// The best `limit` incidents, best first.
    public static func top(texts: [(Int64, Double)], transcripts: [(Int64, Double)], limit: Int)
        -> [(id: Int64, best: Best)]
    {
        var best: [Int64: Best] = [:]
        for (id, score) in texts { best[id] = Best(score: score, inTranscript: false) }
        for (id, score) in transcripts where score < best[id]?.score ?? .infinity {
            best[id] = Best(score: score, inTranscript: true)
        }
        return best.sorted { $0.value.score != $1.value.score ? $0.value.score < $1.value.score : $0.key > $1.key }
            .prefix(limit).map { (id: $0.key, best: $0.value) }
    }
}
