/// A key timeline entry a store selected as possible responder activity, as stored: the store's query narrows
/// the timeline with `ResponderActivity.candidateKind`, `candidateDetail` and `candidateDetailPrefix`, and
/// `ResponderActivity.activity(from:)` decides.
public struct ResponderActivityCandidate: Sendable, Equatable {
    public var incidentID: Int64
    public var sequence: Int64
    /// `TimelineEntry.Kind`'s raw value, as stored.
    public var kind: String
    public var author: String
    public var detail: TimelineDetail?

    public init(incidentID: Int64, sequence: Int64, kind: String, author: String, detail: TimelineDetail?) {
        self.incidentID = incidentID
        self.sequence = sequence
        self.kind = kind
        self.author = author
        self.detail = detail
    }
}

/// What counts as responder activity, decided here for both stores; their SQL only selects candidate rows.
extension ResponderActivity {
    /// Candidates of this kind are notes.
    public static let candidateKind = TimelineEntry.Kind.note.rawValue
    /// Candidates with exactly this detail are first acknowledgements.
    public static let candidateDetail = TimelineDetail.acknowledged.encoded
    /// Candidates whose detail begins so are hand-overs of command.
    public static let candidateDetailPrefix = TimelineDetail.leadPrefix

    /// The activity among `candidates`, in timeline order (by incident, then sequence), whatever order the store
    /// read them in.
    public static func activity(from candidates: [ResponderActivityCandidate]) -> [ResponderActivity] {
        candidates.sorted { ($0.incidentID, $0.sequence) < ($1.incidentID, $1.sequence) }.compactMap(Self.init)
    }

    /// The activity a key timeline entry records: a note counts for its author, the first ack (`.acknowledged`)
    /// for its author, a hand-over (`.lead`) for the new lead; nil otherwise.
    public init?(_ candidate: ResponderActivityCandidate) {
        if candidate.kind == Self.candidateKind {
            self.init(incidentID: candidate.incidentID, nick: candidate.author, kind: .note)
            return
        }
        switch candidate.detail {
        case .acknowledged: self.init(incidentID: candidate.incidentID, nick: candidate.author, kind: .ack)
        case .lead(_, let nick) where !nick.isEmpty && nick != "none":
            self.init(incidentID: candidate.incidentID, nick: nick, kind: .lead)
        default: return nil
        }
    }
}
