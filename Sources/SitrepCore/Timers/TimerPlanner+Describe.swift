extension TimerPlanner {
    /// Most lines `/timers` shows before `… and N more`.
    public static let describeLimit = 10

    /// `/timers`: one line per pending timer, soonest first, e.g.
    /// `in 4m 10s (12:34:00 UTC): page tier 2 (alice, team dba)`; `overdue by 5s (…)` for one past due, the date
    /// too when it is not due today. At most `describeLimit` lines, then `… and N more`; `no timers pending`
    /// when there are none.
    public static func describe(_ timers: [IncidentTimer], now: Timestamp) -> [String] {
        guard !timers.isEmpty else { return ["no timers pending"] }
        let sorted = timers.sorted(by: isSooner)
        var lines = sorted.prefix(describeLimit).map { ChatText.oneLine(line(for: $0, now: now), limit: 400) }
        if sorted.count > describeLimit { lines.append("… and \(sorted.count - describeLimit) more") }
        return lines
    }

    static func line(for timer: IncidentTimer, now: Timestamp) -> String {
        let wait = now.duration(to: timer.due)
        let when =
            wait > .zero
            ? "in \(wait.chatDescription)"
            : wait == .zero ? "now" : "overdue by \((Duration.zero - wait).chatDescription)"
        let due = CivilTime(timer.due)
        let day = String(due.iso8601.prefix(10))
        let date = day == String(CivilTime(now).iso8601.prefix(10)) ? "" : "\(day) "
        return "\(when) (\(date)\(due.clock) UTC): \(label(of: timer))"
    }

    /// What a pending timer will do, for `/timers`.
    static func label(of timer: IncidentTimer) -> String {
        let key = timer.id.key
        let detail = timer.text.map { " (\($0))" } ?? ""
        switch timer.id.kind {
        case .escalation: return "page \(key.split(separator: "-").joined(separator: " "))\(detail)"
        case .updateDue: return "update reminder"
        case .commanderMissing: return "reminder: nobody leads"
        case .roleUnset: return "reminder: role \(key) unset"
        case .sla: return "SLA \(key.split(separator: "-").joined(separator: " "))"
        case .closeReminder: return "close reminder"
        case .quietCommander:
            return key.hasPrefix("backup-") ? "page backup commander\(detail)" : "quiet-commander nag"
        case .reminder: return "reminder: \(timer.text ?? "")"
        }
    }
}
