extension IncidentReducer.Step {
    /// `/remind`: records the request; the coordinator arms the `.reminder` timer (due `time + after`).
    mutating func remind(after: Duration, text: String) {
        let due = CivilTime(time.adding(after)).clock
        entry("reminder set for \(ChatDuration.format(after)): \(text)", detail: .reminder(ChatDuration.format(after)))
        reply("\(label): reminder set for \(ChatDuration.format(after)) (\(due) UTC): \(echo(text))")
    }

    /// `/snooze`: reminders (and the escalation of non-SEV1 incidents) wait until `time + duration`.
    mutating func snooze(for duration: Duration) {
        let until = time.adding(duration)
        incident.snoozedUntil = until
        let clock = CivilTime(until).clock
        entry(
            "snoozed reminders for \(ChatDuration.format(duration)) (until \(clock) UTC)",
            detail: .snooze(ChatDuration.format(duration))
        )
        let escalation =
            incident.severity == .sev1 ? "SEV1 escalation is not snoozed" : "escalation pages wait too"
        reply("\(label): snoozed reminders until \(clock) UTC (\(escalation))")
    }
}
