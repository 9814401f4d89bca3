/// The open questions a review meeting should answer, generated from what the review shows or lacks.
///
/// | rule                                         | question |
/// |----------------------------------------------|----------|
/// | acknowledged later than `slowAcknowledgement` | What delayed acknowledgement by 14m 5s? |
/// | never acknowledged (not cancelled)            | Why was it never acknowledged? |
/// | mitigated later than `slowMitigation`          | What slowed mitigation (1h 12m after declaration)? |
/// | no lead ever (not cancelled)                  | Nobody took command (!lead): why? |
/// | severity changed                              | Was the first severity right? severity: SEV2 -> SEV1 at 18:10:00 |
/// | each escalation (`/escalate`), per destination | Why was it escalated to tier 2? |
/// | each automatic page, per tier                 | Why was nobody acknowledging before tier 1 was paged at 18:05:00? |
/// | each reopening                                | What was missed before it was reopened at 18:40:00 (errors are back)? |
/// | recording gaps                                | Recording was interrupted 2 times: is anything missing from the transcript? |
/// | no updates (not cancelled)                    | No stakeholder updates were posted: who needed to know? |
/// | no root cause / resolution (not cancelled)    | No root cause recorded. / No resolution recorded (the incident is mitigated). |
/// | no factors / lessons (not cancelled)          | No contributing factors recorded. / No lessons learned recorded. |
/// | open follow-up without owner                  | Follow-up 3 has no owner. |
/// | cancelled                                     | Cancelled (false alarm): what would have told us sooner? |
public enum ReviewQuestions {
    /// The questions for `document`, in the order above.
    public static func ask(about document: ReviewDocument, rules: ReviewRules = ReviewRules()) -> [String] {
        let incident = document.incident
        let time = ReviewTime(declaredAt: incident.declaredAt)
        let cancelled = incident.state == .cancelled
        var questions: [String] = []
        let durations = document.durations
        if let tta = durations.toAcknowledge, tta > rules.slowAcknowledgement {
            questions.append("What delayed acknowledgement by \(tta.chatDescription)?")
        } else if durations.toAcknowledge == nil, !cancelled {
            questions.append("Why was it never acknowledged?")
        }
        if let ttm = durations.toMitigate, ttm > rules.slowMitigation {
            questions.append("What slowed mitigation (\(ttm.chatDescription) after declaration)?")
        }
        if !cancelled, !document.tenures.contains(where: { $0.role == "lead" }) {
            questions.append("Nobody took command (\(command: "lead")): why?")
        }
        for change in document.severityChanges {
            questions.append("Was the first severity right? \(change.text) at \(time.clock(change.time))")
        }
        questions += escalationQuestions(document.escalations, time: time)
        for reopening in document.reopenings {
            let why = reopening.text.isEmpty ? "" : " (\(reopening.text))"
            questions.append("What was missed before it was reopened at \(time.clock(reopening.time))\(why)?")
        }
        if !document.gaps.isEmpty {
            let times = document.gaps.count == 1 ? "once" : "\(document.gaps.count) times"
            questions.append("Recording was interrupted \(times): is anything missing from the transcript?")
        }
        if !cancelled { questions += missingFacts(document) }
        for followUp in document.openFollowUps where followUp.owner == nil {
            questions.append("Follow-up \(followUp.id) has no owner: who takes it?")
        }
        if cancelled {
            let why = document.cancellation.map { " (\($0.text))" } ?? ""
            questions.append("Cancelled\(why): what would have told us sooner?")
        }
        return questions
    }

    /// One question per manual destination and per automatically paged tier, first occurrence only.
    private static func escalationQuestions(_ escalations: [ReviewDocument.Escalation], time: ReviewTime) -> [String] {
        var asked: Set<String> = []
        var questions: [String] = []
        for escalation in escalations {
            guard asked.insert("\(escalation.isAutomatic) \(escalation.destination)").inserted else { continue }
            if escalation.isAutomatic {
                questions.append(
                    "Why was nobody acknowledging before \(escalation.destination) was paged at "
                        + "\(time.clock(escalation.event.time))?")
            } else {
                questions.append("Why was it escalated to \(escalation.destination)?")
            }
        }
        return questions
    }

    /// Questions for the review facts nobody recorded.
    private static func missingFacts(_ document: ReviewDocument) -> [String] {
        var questions: [String] = []
        if document.impact.isEmpty { questions.append("No stakeholder updates were posted: who needed to know?") }
        if document.rootCause == nil { questions.append("No root cause recorded: what caused it? (\(command: "cause"))") }
        if document.resolution == nil {
            questions.append("No resolution recorded (the incident is \(document.incident.state)).")
        }
        if document.factors.isEmpty {
            questions.append("No contributing factors recorded: what made it possible or worse? (\(command: "factor"))")
        }
        if document.lessons.isEmpty {
            questions.append("No lessons learned recorded: what do we keep, what do we change? (\(command: "lesson"))")
        }
        return questions
    }
}
