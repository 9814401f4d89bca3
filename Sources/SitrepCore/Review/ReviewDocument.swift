/// The post-incident review of one incident, built from what sitrep already stores: the incident, its whole
/// timeline and its follow-ups. A plain value; `markdown()` and `html()` render it, `chatSummary()` says it in
/// three lines.
///
/// Built in one pass over the timeline (`ReviewDocument.Builder`), so a transcript of 100,000 lines costs
/// milliseconds. The transcript itself is not pasted: the document says how many lines it has and where to get
/// them.
///
/// Invariants: sections hold entries in timeline order; every string a person typed is kept as typed (the
/// renderers make it safe for their format).
public struct ReviewDocument: Sendable, Equatable {
    /// Something that happened at a time, by someone (empty author: the system).
    public struct Event: Sendable, Equatable {
        public var time: Timestamp
        public var author: String
        public var text: String
        /// What kind of key event, when the text does not say (`note`, `update`, `marked`, `timer`, `gap`).
        public var tag: String?

        public init(time: Timestamp, author: String, text: String, tag: String? = nil) {
            self.time = time
            self.author = author
            self.text = text
            self.tag = tag
        }
    }

    /// A containment, workaround or mitigation step.
    public struct Step: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable {
            case containment, workaround, mitigation
        }

        public var kind: Kind
        public var event: Event

        public init(kind: Kind, event: Event) {
            self.kind = kind
            self.event = event
        }
    }

    /// Someone holding a role (`lead` is the incident commander) from `start` until `end` (nil: still holds it).
    public struct Tenure: Sendable, Equatable {
        public var role: String
        public var holder: String
        public var start: Timestamp
        public var end: Timestamp?

        public init(role: String, holder: String, start: Timestamp, end: Timestamp?) {
            self.role = role
            self.holder = holder
            self.start = start
            self.end = end
        }
    }

    /// Time to acknowledge, mitigate and resolve from declaration (nil: it never happened), the total, and the
    /// time spent in each state.
    public struct Durations: Sendable, Equatable {
        public var toAcknowledge: Duration?
        public var toMitigate: Duration?
        public var toResolve: Duration?
        /// Declaration to closure or cancellation; to `generatedAt` while the incident is still open.
        public var total: Duration
        /// False while the incident is not closed or cancelled: `total` and the current state's time still grow.
        public var isFinal: Bool
        /// Every state the incident was in, in lifecycle order, with the total time spent there (a reopened
        /// incident adds up each stay). The final closed or cancelled state is left out: it has no end.
        public var inState: [StateTime]
    }

    /// Time spent in one state.
    public struct StateTime: Sendable, Equatable {
        public var state: IncidentState
        public var duration: Duration

        public init(_ state: IncidentState, _ duration: Duration) {
            self.state = state
            self.duration = duration
        }
    }

    /// A recorded fact with who recorded it and when (root cause, resolution).
    public typealias Fact = Event

    public var incident: Incident
    public var generatedAt: Timestamp
    /// The `/update`s, in order: what stakeholders were told about the impact.
    public var impact: [Event]
    public var durations: Durations
    /// Lead and role tenures, in the order they started.
    public var tenures: [Tenure]
    /// Key events (notes, marked messages, state changes, escalations, updates, timer firings, gaps…), no
    /// refusals and no factors or lessons (they have their own sections).
    public var keyEvents: [Event]
    public var steps: [Step]
    /// The root cause as last recorded.
    public var rootCause: Fact?
    /// The resolution, when the incident is resolved.
    public var resolution: Fact?
    /// Why the incident was cancelled, when it is.
    public var cancellation: Fact?
    public var factors: [Event]
    public var lessons: [Event]
    public var followUps: [FollowUp]
    /// Escalations: the tier (`tier 2`) or target paged, when, and whether a timer did it.
    public var escalations: [Escalation]
    /// Times the incident was reopened, with the reason.
    public var reopenings: [Event]
    /// Severity changes (`SEV3 -> SEV1`).
    public var severityChanges: [Event]
    /// Recording gaps (bot down, connection lost).
    public var gaps: [Event]
    public var openQuestions: [String]
    /// How many timeline entries the full transcript has.
    public var transcriptLines: Int
    /// The head of the timeline's hash chain, when known, so a copy of the transcript can be checked.
    public var chainHead: String?

    /// A tier or person paged.
    public struct Escalation: Sendable, Equatable {
        /// `tier 2` or the paged target.
        public var destination: String
        public var event: Event
        /// Paged by the escalation timer (not acknowledged in time) rather than by `/escalate`.
        public var isAutomatic: Bool

        public init(destination: String, event: Event, isAutomatic: Bool) {
            self.destination = destination
            self.event = event
            self.isAutomatic = isAutomatic
        }
    }

    /// Builds the review.
    ///
    /// - Parameters:
    ///   - timeline: the incident's entries, oldest first (the whole transcript, or only the key events with
    ///     `transcriptLines` given).
    ///   - transcriptLines: the transcript's length when `timeline` is not all of it.
    ///   - generatedAt: now; open incidents' durations run until then.
    ///   - rules: thresholds for the open questions.
    public init(
        incident: Incident, timeline: [TimelineEntry], followUps: [FollowUp], transcriptLines: Int? = nil,
        chainHead: String? = nil, generatedAt: Timestamp, rules: ReviewRules = ReviewRules()
    ) {
        var builder = Builder(incident: incident)
        for entry in timeline where entry.incidentID == incident.id { builder.consume(entry) }
        self = builder.finish(
            followUps: followUps.sorted { $0.id < $1.id }, transcriptLines: transcriptLines ?? timeline.count,
            chainHead: chainHead, generatedAt: generatedAt, rules: rules)
    }

    init(
        incident: Incident, generatedAt: Timestamp, impact: [Event], durations: Durations, tenures: [Tenure],
        keyEvents: [Event], steps: [Step], rootCause: Fact?, resolution: Fact?, cancellation: Fact?,
        factors: [Event], lessons: [Event],
        followUps: [FollowUp], escalations: [Escalation], reopenings: [Event], severityChanges: [Event],
        gaps: [Event], transcriptLines: Int, chainHead: String?
    ) {
        self.incident = incident
        self.generatedAt = generatedAt
        self.impact = impact
        self.durations = durations
        self.tenures = tenures
        self.keyEvents = keyEvents
        self.steps = steps
        self.rootCause = rootCause
        self.resolution = resolution
        self.cancellation = incident.state == .cancelled ? cancellation : nil
        self.factors = factors
        self.lessons = lessons
        self.followUps = followUps
        self.escalations = escalations
        self.reopenings = reopenings
        self.severityChanges = severityChanges
        self.gaps = gaps
        self.openQuestions = []
        self.transcriptLines = transcriptLines
        self.chainHead = chainHead
    }

    /// The follow-ups not done yet.
    public var openFollowUps: [FollowUp] { followUps.filter { $0.state == .open } }
}

/// Thresholds for the review's generated open questions.
public struct ReviewRules: Sendable, Equatable {
    /// Acknowledgement slower than this asks what delayed it.
    public var slowAcknowledgement: Duration
    /// Mitigation slower than this (from declaration) asks what slowed it.
    public var slowMitigation: Duration

    public init(slowAcknowledgement: Duration = .seconds(5 * 60), slowMitigation: Duration = .seconds(60 * 60)) {
        self.slowAcknowledgement = slowAcknowledgement
        self.slowMitigation = slowMitigation
    }
}
