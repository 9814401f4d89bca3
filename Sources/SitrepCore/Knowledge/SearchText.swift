/// Which texts of an incident go into the search index, read from the timeline entries that record them, so the
/// store can index a `declare` or `commit` in the same transaction without knowing the intents.
///
/// | entry                                   | field        | text indexed                 |
/// |-----------------------------------------|--------------|------------------------------|
/// | lifecycle `declare …`                   | title        | the incident's title         |
/// | `.update`                               | update       | the update                   |
/// | `.note`                                 | note         | the note                     |
/// | `.solution`                             | solution     | the solution                 |
/// | lifecycle `cause`                       | cause        | after `root cause: `         |
/// | lifecycle `contain`                     | containment  | after `containment: `        |
/// | lifecycle `state=…->identified`         | identified   | the reason in parentheses    |
/// | lifecycle `state=…->mitigated workaround` | workaround | after `workaround: `         |
/// | lifecycle `state=…->mitigated`          | mitigation   | the reason in parentheses    |
/// | lifecycle `state=…->resolved`           | resolution   | the resolution               |
/// | lifecycle `state=…` reopen / cancel     | reason       | the reason                   |
///
/// Everything else (transcript lines, acks, role changes, refusals…) is left out: transcripts are indexed
/// separately and only on request (`KnowledgeStore.reindexTranscripts`).
public enum SearchText {
    public enum Field: String, Sendable, CaseIterable {
        case title, update, note, solution, cause, containment, identified, workaround, mitigation, resolution
        case reason
    }

    /// One indexed text.
    public struct Piece: Sendable, Equatable {
        public var field: Field
        public var text: String

        public init(_ field: Field, _ text: String) {
            self.field = field
            self.text = text
        }
    }

    /// The pieces to index for `entries` of `incident` (as it is after the change), in entry order.
    public static func pieces(of entries: [TimelineEntry], incident: Incident) -> [Piece] {
        entries.compactMap { piece(of: $0, incident: incident) }.filter { !$0.text.isEmpty }
    }

    static func piece(of entry: TimelineEntry, incident: Incident) -> Piece? {
        switch entry.kind {
        case .update: return Piece(.update, entry.text)
        case .note: return Piece(.note, entry.text)
        case .solution: return Piece(.solution, entry.text)
        case .lifecycle: break
        default: return nil
        }
        guard let detail = entry.detail else { return nil }
        if detail.hasPrefix("declare") { return Piece(.title, incident.title) }
        if detail == "cause" { return Piece(.cause, dropping("root cause: ", from: entry.text)) }
        if detail == "contain" { return Piece(.containment, dropping("containment: ", from: entry.text)) }
        guard detail.hasPrefix("state=") else { return nil }
        return transition(entry, detail: detail.dropFirst("state=".count))
    }

    /// `state=from->to[ tag]` with text `state: from -> to (why)`.
    private static func transition(_ entry: TimelineEntry, detail: Substring) -> Piece? {
        let parts = detail.split(separator: " ", maxSplits: 1)
        let states = parts[0].split(separator: "-").map { $0.drop { $0 == ">" } }
        guard states.count == 2 else { return nil }
        let tag = parts.count > 1 ? parts[1] : ""
        let prefix = "state: \(states[0]) -> \(states[1]) ("
        guard entry.text.hasPrefix(prefix), entry.text.hasSuffix(")") else { return nil }
        let why = String(entry.text.dropFirst(prefix.count).dropLast())
        switch (states[1], tag) {
        case ("identified", _): return Piece(.identified, why)
        case ("mitigated", "workaround"): return Piece(.workaround, dropping("workaround: ", from: why))
        case ("mitigated", _): return Piece(.mitigation, why)
        case ("resolved", _): return Piece(.resolution, why)
        case ("investigating", "reopen"): return Piece(.reason, dropping("reopened: ", from: why))
        case ("cancelled", _): return Piece(.reason, dropping("cancelled: ", from: why))
        default: return nil
        }
    }

    private static func dropping(_ prefix: String, from text: String) -> String {
        text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
