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
        switch entry.detail {
        case .declare: return Piece(.title, incident.title)
        case .cause: return Piece(.cause, dropping("root cause: ", from: entry.text))
        case .containment: return Piece(.containment, dropping("containment: ", from: entry.text))
        case .state(let from, let to, let how): return transition(entry, from: from, to: to, how: how)
        default: return nil
        }
    }

    /// A state change, with text `state: from -> to (why)`.
    private static func transition(
        _ entry: TimelineEntry, from: IncidentState, to: IncidentState, how: TimelineDetail.StateChange?
    ) -> Piece? {
        let prefix = "state: \(from) -> \(to) ("
        guard entry.text.hasPrefix(prefix), entry.text.hasSuffix(")") else { return nil }
        let why = String(entry.text.dropFirst(prefix.count).dropLast())
        switch (to, how) {
        case (.identified, _): return Piece(.identified, why)
        case (.mitigated, .workaround): return Piece(.workaround, dropping("workaround: ", from: why))
        case (.mitigated, _): return Piece(.mitigation, why)
        case (.resolved, _): return Piece(.resolution, why)
        case (.investigating, .reopen): return Piece(.reason, dropping("reopened: ", from: why))
        case (.cancelled, _): return Piece(.reason, dropping("cancelled: ", from: why))
        default: return nil
        }
    }

    private static func dropping(_ prefix: String, from text: String) -> String {
        text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
