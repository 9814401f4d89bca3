/// How a chat command ended, for `sitrep_commands_total{outcome=…}`.
public enum CommandOutcome: String, Sendable, CaseIterable {
    /// Done as asked: a change committed, a question answered.
    case ok
    /// Not understood: an unknown command, bad arguments, or an incident command outside an incident channel.
    case usage
    /// The sender lacks the rights for it (recorded on the timeline as a refusal).
    case denied
    /// Allowed, but the incident's rules say no (closing without a resolution, an unknown follow-up).
    case refused
    /// The store failed; nothing changed.
    case error
}
