/// What a chat command asks for, parsed and typed: one case per mutating command, then the read-only queries.
///
/// Produced by the command grammar (`Commands` target), applied by `IncidentReducer` (mutations) or answered by
/// the coordinator from the store (queries, `declare`).
public enum IncidentIntent: Sendable, Equatable {
    /// Nil severity: the configured default.
    case declare(severity: Severity?, title: String)
    /// `/declare [sevN] from alert 17 [title]`: open an incident from a stored alert; nil severity and title come
    /// from the alert (its labels through the alert rules, its summary or name).
    case declareFromAlert(alert: Int64, severity: Severity?, title: String?)
    case ack
    case severity(Severity, reason: String?)
    case priority(impact: PriorityMatrix.Rating, urgency: PriorityMatrix.Rating)
    /// `category` or `category/sub`.
    case category(String)
    case services([String])
    /// Nil: the sender takes command.
    case lead(nick: String?)
    /// Nil nick: the sender takes the role.
    case role(name: String, nick: String?)
    case investigating
    case identified(String)
    case contain(String)
    case workaround(String)
    case mitigated(String?)
    case resolve(String)
    case cause(String)
    case close
    case reopen(String)
    case cancel(String)
    case update(String)
    case note(String)
    /// `/solution <text>`: a standard solution for the incident's category and services.
    case solution(String)
    case mark(nick: String)
    /// `/factor <text>`: a contributing factor for the review.
    case factor(String)
    /// `/lesson <text>`: a lesson learned for the review.
    case lesson(String)
    /// Nil target: the next tier of the incident's escalation policy.
    case escalate(target: String?, reason: String?)
    case followup(text: String, owner: String?)
    case done(Int64)
    /// `/remind 15m check the replica lag`: the coordinator arms a `.reminder` timer due `after` from now.
    case remind(after: Duration, text: String)
    /// `/snooze 30m`: silence the incident's reminders (and non-SEV1 escalation) for a while.
    case snooze(Duration)

    case status
    case timeline(limit: Int?)
    case incidents
    case followups
    case roles
    /// `/timers`: the incident's pending timers.
    case timers
    /// `!pages`: who the incident paged, how, and what became of each page.
    case pages
    /// `/postmortem` (`/review`): a short summary of the post-incident review and where to read it in full.
    case postmortem
    case whoami
    case help(command: String?)
    /// `/search`: full-text search over past incidents; works anywhere.
    case search(SearchRequest)
    /// `/stats [period]`: a short report over the last `period`; works anywhere.
    case stats(period: Duration)
    /// `/oncall [schedule]`: who is on call now, until when, and who is next; works anywhere.
    case oncall(schedule: String?)
    /// `/oncall take [schedule] [hours]`: the sender takes a schedule's shifts for `hours` (default: the rest of
    /// the current shift); works anywhere, and goes on the incident's timeline in an incident channel.
    case oncallTake(schedule: String?, hours: Int?)
    /// `/override <schedule> <person> <duration|until HH:MM>`: someone takes a schedule's shifts for a while.
    case override(schedule: String, nick: String, until: OnCallUntil)
    /// `/invite <person>`: invite someone into the incident's channel or room.
    case invite(nick: String)
    /// A read-only query about the incident named by id (`!status 2`, `!timeline INC-2`): answered anywhere, the
    /// announce channel included, whatever channel it is asked in.
    indirect case about(incident: Int64, IncidentIntent)

    /// The lifecycle action of a mutation on an existing incident; nil for `declare` and the queries.
    public var action: LifecycleAction? {
        switch self {
        case .ack: .ack
        case .severity: .severity
        case .priority: .priority
        case .category: .category
        case .services: .service
        case .lead: .lead
        case .role: .role
        case .investigating: .investigating
        case .identified: .identified
        case .contain: .contain
        case .workaround: .workaround
        case .mitigated: .mitigated
        case .resolve: .resolve
        case .cause: .cause
        case .close: .close
        case .reopen: .reopen
        case .cancel: .cancel
        case .update: .update
        case .note: .note
        case .solution: .solution
        case .mark: .mark
        case .factor: .factor
        case .lesson: .lesson
        case .escalate: .escalate
        case .followup: .followup
        case .done: .done
        case .remind: .remind
        case .snooze: .snooze
        case .declare, .declareFromAlert, .status, .timeline, .incidents, .followups, .roles, .timers, .pages, .postmortem,
            .whoami, .help, .search, .stats, .about, .oncall, .oncallTake, .override, .invite:
            nil
        }
    }

    /// Who may ask for it: stakeholders for `declare` and the queries, responders for on-call overrides, else the
    /// action's level.
    public var requiredLevel: AccessLevel {
        switch self {
        case .oncallTake, .override, .invite: .responder
        case .about(_, let inner): inner.requiredLevel
        default: action?.requiredLevel ?? .stakeholder
        }
    }

    /// A read-only query, answered without changing anything (`.about` one when what it wraps is).
    public var isQuery: Bool {
        switch self {
        case .about(_, let inner): inner.isQuery
        case .status, .timeline, .incidents, .followups, .roles, .timers, .pages, .postmortem, .whoami, .help, .search,
            .stats, .oncall:
            true
        default: false
        }
    }
}
