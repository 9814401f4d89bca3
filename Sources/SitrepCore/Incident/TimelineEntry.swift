/// One line of an incident's timeline: something said or done in the incident channel, or a lifecycle action.
///
/// Transcript lines (messages, joins, topic changes…) are appended in batches; lifecycle entries are committed
/// together with the incident change they record, before the bot confirms the change in chat.
public struct TimelineEntry: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case message, notice, action, join, part, quit, nick, kick, topic, mode
        /// A line the bot itself sent to the channel.
        case bot
        /// A lifecycle action (declare, ack, state change, role change, escalation…): `detail` says what.
        case lifecycle
        /// `/update`: a stakeholder update.
        case update
        /// `/note`: a key event written by a responder.
        case note
        /// `/solution`: a standard solution for the incident's category and services (also in the knowledge base).
        case solution
        /// `/mark`: an earlier message marked as a key event; `detail` holds the marked entry's sequence.
        case mark
        /// Recording was interrupted (bot down or disconnected) between two times.
        case gap
        /// A refused command, recorded so reviewers see who tried what.
        case refusal
        /// `/factor`: a contributing factor, for the post-incident review.
        case factor
        /// `/lesson`: a lesson learned, for the post-incident review.
        case lesson
        /// An alert from monitoring attached to the incident, or its change (resolved, firing again); `detail`
        /// says which alert (`alert id=17 status=firing`).
        case alert
    }

    /// The incident this belongs to.
    public var incidentID: Int64
    /// Position in the incident's timeline, assigned by the store (0 until stored).
    public var sequence: Int64
    public var time: Timestamp
    public var kind: Kind
    /// The nick of the author (the bot's nick for its own lines; empty for system entries).
    public var author: String
    /// The author's account, when the network told us.
    public var account: String?
    /// What was said, or a human-readable summary of the action.
    public var text: String
    /// What the entry records, typed (`.acknowledged`, `.lead(from:to:)`, `.event(id)`…); stored and hashed as its
    /// stable text (`TimelineDetail.encoded`).
    public var detail: TimelineDetail?
    /// Key events make up the short timeline (`/timeline`) and the review.
    public var isKeyEvent: Bool

    public init(
        incidentID: Int64, sequence: Int64 = 0, time: Timestamp, kind: Kind, author: String, account: String? = nil,
        text: String, detail: TimelineDetail? = nil, isKeyEvent: Bool = false
    ) {
        self.incidentID = incidentID
        self.sequence = sequence
        self.time = time
        self.kind = kind
        self.author = author
        self.account = account
        self.text = text
        self.detail = detail
        self.isKeyEvent = isKeyEvent
    }
}
