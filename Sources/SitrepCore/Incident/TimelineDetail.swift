/// What a timeline entry's `detail` says, typed: the lifecycle action an entry records, the chat event a transcript
/// line came from, the timer that wrote it.
///
/// The stores keep the detail as text and the tamper-evident chain hashes that text, so each case has one stable
/// encoding (`encoded`), byte for byte the string sitrep has always written (`ack=first`, `lead=alice->bob`,
/// `state=mitigated->resolved`, `escalate=tier2 timer=escalation/tier-2`). Decoding (`init(_:)`) reads any
/// string: one that no case encodes to exactly is kept as `.other`, so a stored row is never altered by reading
/// it. This is the only place the encoding is written or parsed.
public indirect enum TimelineDetail: Sendable, Hashable {
    /// `declare severity=SEV2 state=investigating`: the incident was declared.
    case declare(severity: Severity, state: IncidentState)
    /// `ack=first`: the first acknowledgement.
    case acknowledged
    /// `ack=repeat`: an acknowledgement after the first.
    case acknowledgedAgain
    /// `state=mitigated->resolved`, with ` workaround` or ` reopen` when the change says how.
    case state(from: IncidentState, to: IncidentState, how: StateChange?)
    /// `severity=SEV3->SEV1`.
    case severity(from: Severity, to: Severity)
    /// `priority=none->P2 impact=high urgency=medium` (`none` when there was no priority).
    case priority(from: Priority?, to: Priority, impact: PriorityMatrix.Rating, urgency: PriorityMatrix.Rating)
    /// `category=none->network/dns` (`none` when there was none).
    case category(from: String, to: String)
    /// `services=api,db`.
    case services([String])
    /// `lead=none->alice`: command taken or handed over (`none` when nobody led).
    case lead(from: String, to: String)
    /// `role=scribe:none->bob`.
    case role(String, from: String, to: String)
    /// `escalate=tier2`: escalated to the next tier.
    case escalatedToTier(Int)
    /// `escalate=target:dba`: escalated to a named target.
    case escalatedTo(String)
    /// `contain`: a containment step.
    case containment
    /// `update`: a stakeholder update.
    case update
    /// `note`: a responder's note.
    case note
    /// `solution`: a standard solution.
    case solution
    /// `factor`: a contributing factor.
    case factor
    /// `lesson`: a lesson learned.
    case lesson
    /// `cause`: the root cause.
    case cause
    /// `mark=bob`: bob's last message marked as a key event.
    case mark(String)
    /// `followup`, or `followup owner=bob`.
    case followup(owner: String?)
    /// `followup-done=3`.
    case followupDone(Int64)
    /// `remind=30m`: a reminder set, its delay as said in chat.
    case reminder(String)
    /// `snooze=1h`: reminders snoozed, for as long as said in chat.
    case snooze(String)
    /// `refused=resolve`: a command refused (the action's command name).
    case refused(LifecycleAction)
    /// `rights=paged`: the people paged were given responder rights.
    case rightsPaged
    /// `handoff-offer=carol`: command offered to a backup commander.
    case handoffOffer(String)
    /// `oncall-override schedule=primary person=… id=7`.
    case onCallOverride(schedule: String, person: String, id: Int64)
    /// `… timer=escalation/tier-2`: written by a timer firing, with what the firing did (`escalate=tier2`) first.
    case timer(IncidentTimer.Kind, key: String, fired: TimelineDetail?)
    /// `event=$id`: a chat line that carries the network's event id (Matrix).
    case event(String)
    /// `edit of $id`: an edit of the line of event `$id`.
    case edit(of: String)
    /// `redaction of $id`: the line of event `$id` was redacted.
    case redaction(of: String)
    /// `gap from=… to=…` (milliseconds): recording was interrupted.
    case gap(from: Timestamp, to: Timestamp)
    /// `alert id=17 status=firing source=… fingerprint=…`.
    case alert(id: Int64, status: AlertStatus, source: String, fingerprint: String)
    /// Anything else, kept as it was written: a kicked nick (a kick's detail is the target), or a row written by
    /// another version.
    case other(String)

    /// How a state change came about, when the state alone does not say.
    public enum StateChange: String, Sendable, Hashable, CaseIterable {
        /// Mitigated by a workaround.
        case workaround
        /// Reopened after being resolved.
        case reopen
    }

    /// The stable text stored and hashed for this detail.
    public var encoded: String {
        switch self {
        case .declare(let severity, let state): "declare severity=\(severity) state=\(state.rawValue)"
        case .acknowledged: "ack=first"
        case .acknowledgedAgain: "ack=repeat"
        case .state(let from, let to, let how): "state=\(from.rawValue)->\(to.rawValue)" + (how.map { " \($0.rawValue)" } ?? "")
        case .severity(let from, let to): "severity=\(from)->\(to)"
        case .priority(let from, let to, let impact, let urgency):
            "priority=\(from.map(String.init(describing:)) ?? "none")->\(to) impact=\(impact) urgency=\(urgency)"
        case .category(let from, let to): "category=\(from)->\(to)"
        case .services(let services): "services=\(services.joined(separator: ","))"
        case .lead(let from, let to): "\(Self.leadPrefix)\(from)->\(to)"
        case .role(let role, let from, let to): "role=\(role):\(from)->\(to)"
        case .escalatedToTier(let level): "escalate=tier\(level)"
        case .escalatedTo(let target): "escalate=target:\(target)"
        case .containment: "contain"
        case .update: "update"
        case .note: "note"
        case .solution: "solution"
        case .factor: "factor"
        case .lesson: "lesson"
        case .cause: "cause"
        case .mark(let nick): "mark=\(nick)"
        case .followup(let owner): "followup" + (owner.map { " owner=\($0)" } ?? "")
        case .followupDone(let number): "followup-done=\(number)"
        case .reminder(let after): "remind=\(after)"
        case .snooze(let duration): "snooze=\(duration)"
        case .refused(let action): "refused=\(action)"
        case .rightsPaged: "rights=paged"
        case .handoffOffer(let name): "handoff-offer=\(name)"
        case .onCallOverride(let schedule, let person, let id): "oncall-override schedule=\(schedule) person=\(person) id=\(id)"
        case .timer(let kind, let key, let fired):
            (fired.map { "\($0.encoded) " } ?? "") + "\(Self.timerTag)\(kind.rawValue)/\(key)"
        case .event(let id): "event=\(id)"
        case .edit(let id): "edit of \(id)"
        case .redaction(let id): "redaction of \(id)"
        case .gap(let from, let to): "gap from=\(from.milliseconds) to=\(to.milliseconds)"
        case .alert(let id, let status, let source, let fingerprint):
            "alert id=\(id) status=\(status) source=\(source) fingerprint=\(fingerprint)"
        case .other(let text): text
        }
    }

    /// What a timer firing wrote, or the detail itself when no timer wrote it: `escalate=tier2` of
    /// `escalate=tier2 timer=escalation/tier-2`.
    public var action: TimelineDetail? {
        guard case .timer(_, _, let fired) = self else { return self }
        return fired
    }

    /// Whether a timer firing wrote this.
    public var isTimer: Bool {
        if case .timer = self { return true }
        return false
    }

    static let timerTag = "timer="
    /// How every `.lead` detail begins (`lead=old->new`), for a store that selects hand-overs by prefix.
    public static let leadPrefix = "lead="
}
