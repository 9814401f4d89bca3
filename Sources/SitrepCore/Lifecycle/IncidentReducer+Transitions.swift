extension IncidentReducer.Step {
    /// Applies a state change the machine allowed, with its timestamps and fields.
    mutating func transition(_ intent: IncidentIntent, from: IncidentState, to: IncidentState) {
        incident.state = to
        var why: String?
        var how: TimelineDetail.StateChange?
        switch intent {
        case .identified(let what):
            why = what
        case .workaround(let text):
            why = "workaround: \(text)"
            how = .workaround
        case .mitigated(let text):
            why = text
        case .resolve(let resolution):
            incident.resolution = resolution
            incident.resolvedAt = time
            why = resolution
        case .close:
            incident.closedAt = time
        case .reopen(let reason):
            incident.resolvedAt = nil
            incident.closedAt = nil
            incident.resolution = nil
            why = "reopened: \(reason)"
            how = .reopen
        case .cancel(let reason):
            why = "cancelled: \(reason)"
        default:
            break
        }
        if to == .mitigated, incident.mitigatedAt == nil { incident.mitigatedAt = time }
        entry("state: \(from) -> \(to)\(parenthesised(why))", detail: .state(from: from, to: to, how: how))
        reply(
            "\(label): \(from) -> \(to) by \(who)\(parenthesised(why.map { echo($0) }))\(hint(after: to))"
        )
        if [.mitigated, .resolved, .closed, .cancelled].contains(to) || intent.action == .reopen {
            announce("\(to) by \(who)\(parenthesised(why.map { echo($0) }))")
        }
    }

    /// What to do next, after resolving or closing.
    private func hint(after state: IncidentState) -> String {
        switch state {
        case .resolved where incident.rootCause == nil:
            "; record the root cause with \(command: "cause"), then \(command: "close")"
        case .resolved:
            "; \(command: "close") ends it, and the review follows (\(command: "postmortem"))"
        case .closed:
            "; open for \(original.declaredAt.duration(to: time).chatDescription)"
        default:
            ""
        }
    }
}
