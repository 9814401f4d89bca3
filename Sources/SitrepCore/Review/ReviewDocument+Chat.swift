extension ReviewDocument {
    /// The `/postmortem` reply: durations, counts, and where to read the whole review. Three sanitised lines.
    ///
    /// ```
    /// INC-4 review (closed): acknowledged after 4m, mitigated after 25m, resolved after 1h 10m; total 1h 30m
    /// 14 key events, 2 escalations, 2 factors, 1 lesson, 1 of 3 follow-ups open, 4 open questions
    /// full review: sitrep review 4 (Markdown or HTML)
    /// ```
    public func chatSummary() -> [String] {
        let d = durations
        let times: [String] = [
            Self.after(d.toAcknowledge, "acknowledged"), Self.after(d.toMitigate, "mitigated"),
            Self.after(d.toResolve, "resolved"),
        ]
        let total = d.isFinal ? "total \(d.total.chatDescription)" : "open for \(d.total.chatDescription)"
        let counts: [String] = [
            Self.count(keyEvents.count, "key event"), Self.count(escalations.count, "escalation"),
            Self.count(factors.count, "factor"), Self.count(lessons.count, "lesson"),
            "\(openFollowUps.count) of \(Self.count(followUps.count, "follow-up")) open",
            Self.count(openQuestions.count, "open question"),
        ]
        return [
            "INC-\(incident.id) review (\(incident.state)): \(times.joined(separator: ", ")); \(total)",
            counts.joined(separator: ", "),
            "full review: sitrep review \(incident.id) (Markdown or HTML)",
        ].map { ChatText.oneLine($0, limit: 400) }
    }

    /// `mitigated after 25m` or `not mitigated`.
    private static func after(_ duration: Duration?, _ what: String) -> String {
        guard let duration else { return "not \(what)" }
        return "\(what) after \(duration.chatDescription)"
    }

    /// `1 lesson`, `2 lessons`.
    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
