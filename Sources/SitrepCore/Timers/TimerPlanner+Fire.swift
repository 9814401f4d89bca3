extension TimerPlanner {
    /// What happens when `timer` fires at `now`. The caller fires only timers the current plan still holds
    /// (replan first, after a restart too), and only after claiming the timer in the store.
    ///
    /// Every firing records one `.lifecycle` key-event entry by `botNick` saying what fired; when `now` is more
    /// than a second after the due time, the entry and the first channel line end with `(late by 2m 3s)`.
    ///
    /// | kind             | incident channel                                   | pages                  | announce |
    /// |------------------|----------------------------------------------------|------------------------|----------|
    /// | escalation       | `PAGE tier 2: alice bob — INC-4 [SEV1] … is not acknowledged after 10m; /ack to stop paging` | each person of the tier (teams expanded) | yes |
    /// | updateDue        | `alice: stakeholders are due an update (last one 15m ago); /update <text>` | — | — |
    /// | commanderMissing | `nobody leads INC-4 after 5m; /lead to take command` | —                      | —        |
    /// | roleUnset        | `INC-4 has no comms after 10m; /role comms <nick>`   | —                      | —        |
    /// | sla              | `SLA warning: INC-4 (P1) response target 15m, 12m elapsed` / `SLA breach: …` | — | breach |
    /// | closeReminder    | `alice: INC-4 is resolved but not closed; record /cause and /close` | —      | —        |
    /// | quietCommander   | nag: `alice: you have been quiet in #inc-4 for 10m; …`; backup: the handoff offer | backup: the backup commander | — |
    /// | reminder         | `reminder: <text>`                                  | —                      | —        |
    ///
    /// An escalation sets `escalationLevel` to the timer's tier and `lastEscalatedAt` to `now`; nothing else
    /// changes the incident.
    public static func fire(
        _ timer: IncidentTimer,
        for incident: Incident,
        policy: TimerPolicy,
        at now: Timestamp,
        botNick: String
    ) -> TimerFiring {
        var firing = Firing(timer: timer, incident: incident, policy: policy, now: now, botNick: botNick)
        switch timer.id.kind {
        case .escalation: firing.escalate()
        case .updateDue: firing.remindUpdate()
        case .commanderMissing: firing.remindCommander()
        case .roleUnset: firing.remindRole()
        case .sla: firing.warnSLA()
        case .closeReminder: firing.remindClose()
        case .quietCommander: firing.nagQuietCommander()
        case .reminder: firing.remind()
        }
        return firing.result
    }
}

extension TimerPlanner {
    /// One firing being built: the pieces of a `TimerFiring`, and the wording of each kind.
    struct Firing {
        let timer: IncidentTimer
        let policy: TimerPolicy
        let now: Timestamp
        let botNick: String
        var result: TimerFiring

        init(timer: IncidentTimer, incident: Incident, policy: TimerPolicy, now: Timestamp, botNick: String) {
            self.timer = timer
            self.policy = policy
            self.now = now
            self.botNick = botNick
            let lateness = max(.zero, timer.due.duration(to: now))
            self.result = TimerFiring(incident: incident, lateness: lateness)
        }

        var incident: Incident { result.incident }
        /// `INC-4`.
        var name: String { "INC-\(incident.id)" }
        var headline: String { IncidentReducer.headline(incident) }
        /// ` (late by 2m 3s)` when more than a second late, else empty.
        var lateSuffix: String { result.lateness > .seconds(1) ? " (late by \(result.lateness.chatDescription))" : "" }
        /// How long since `time`, for chat.
        func since(_ time: Timestamp) -> String { time.duration(to: now).chatDescription }
        /// The lead's nick to address, else `fallback`.
        func addressee(or fallback: String) -> String { ChatText.oneLine(incident.lead?.nick ?? fallback, limit: 64) }

        /// Records the firing on the timeline.
        mutating func record(_ text: String, detail: TimelineDetail? = nil) {
            result.entries.append(
                TimelineEntry(
                    incidentID: incident.id,
                    time: now,
                    kind: .lifecycle,
                    author: botNick,
                    text: text + lateSuffix,
                    detail: .timer(timer.id.kind, key: timer.id.key, fired: detail),
                    isKeyEvent: true
                )
            )
        }

        /// A line for the incident channel; the first one carries the lateness.
        mutating func say(_ line: String) {
            let suffix = result.channelLines.isEmpty ? lateSuffix : ""
            result.channelLines.append(ChatText.oneLine(line + suffix, limit: 400))
        }

        mutating func announce(_ what: String) {
            result.announce = ChatText.oneLine("\(headline): \(what)", limit: 400)
        }
    }
}
