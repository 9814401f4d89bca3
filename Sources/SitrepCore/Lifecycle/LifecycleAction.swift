/// Everything a chat command can do to an existing incident, named after the command that does it.
///
/// `LifecycleMachine` decides which of these are allowed in which state; `Permissions` decides who may run them.
public enum LifecycleAction: String, Sendable, CaseIterable, CustomStringConvertible {
    case ack, investigating, identified, contain, workaround, mitigated, resolve, cause, close, reopen, cancel
    case update, note, mark, solution, factor, lesson
    case severity = "sev"
    case priority, category, service, lead, role, escalate, followup, done, remind, snooze

    /// The command name (`sev`, `resolve`).
    public var description: String { rawValue }

    /// What the action does, to complete "cannot …" and "only a responder may …".
    public var verb: String {
        switch self {
        case .ack: "acknowledge"
        case .investigating: "move to investigating"
        case .identified: "mark the cause identified"
        case .contain: "record containment"
        case .workaround: "record a workaround"
        case .mitigated: "mark mitigated"
        case .resolve: "resolve"
        case .cause: "record the root cause"
        case .close: "close"
        case .reopen: "reopen"
        case .cancel: "cancel"
        case .update: "post updates"
        case .note: "add notes"
        case .mark: "mark key events"
        case .solution: "record standard solutions"
        case .factor: "record contributing factors"
        case .lesson: "record lessons learned"
        case .severity: "change severity"
        case .priority: "set priority"
        case .category: "set the category"
        case .service: "set affected services"
        case .lead: "take or hand over command"
        case .role: "assign roles"
        case .escalate: "escalate"
        case .followup: "add follow-ups"
        case .done: "complete follow-ups"
        case .remind: "set reminders"
        case .snooze: "snooze reminders"
        }
    }

    /// The level needed to run the action (the incident's lead counts as a commander).
    ///
    /// | level     | actions |
    /// |-----------|---------|
    /// | responder | ack investigating identified contain workaround mitigated cause note update mark solution factor lesson followup done category service priority role lead remind snooze |
    /// | commander | sev escalate resolve close cancel reopen |
    ///
    /// Stakeholders (everyone) may declare and use the read-only commands.
    public var requiredLevel: AccessLevel {
        switch self {
        case .severity, .escalate, .resolve, .close, .cancel, .reopen: .commander
        default: .responder
        }
    }
}
