extension ReviewDocument {
    /// Reads a timeline once, oldest first, sorting each entry into the review's sections and keeping the
    /// running state, role holders and state times. Transcript lines that are not key events cost one `switch`.
    ///
    /// Lifecycle entries are recognised by their `detail` (`state=investigating->mitigated workaround`,
    /// `lead=none->alice`, `role=comms:none->bob`, `escalate=tier2`, `severity=SEV2->SEV1`, `contain`, `cause`);
    /// a detail this does not know is still a key event.
    struct Builder {
        let incident: Incident
        var impact: [Event] = []
        var keyEvents: [Event] = []
        var steps: [Step] = []
        var factors: [Event] = []
        var lessons: [Event] = []
        var escalations: [Escalation] = []
        var reopenings: [Event] = []
        var severityChanges: [Event] = []
        var gaps: [Event] = []
        var rootCause: Fact?
        var resolution: Fact?
        var cancellation: Fact?
        var tenures: [Tenure] = []
        /// Role → index in `tenures` of its current holder.
        var holders: [String: Int] = [:]
        var state = IncidentState.investigating
        var stateSince: Timestamp
        var stateTimes: [IncidentState: Duration] = [:]
        /// When the incident was closed or cancelled, while it stays so.
        var endedAt: Timestamp?

        init(incident: Incident) {
            self.incident = incident
            self.stateSince = incident.declaredAt
        }

        mutating func consume(_ entry: TimelineEntry) {
            switch entry.kind {
            case .factor: factors.append(event(entry))
            case .lesson: lessons.append(event(entry))
            case .refusal, .bot: return
            case .update:
                impact.append(event(entry))
                keyEvents.append(event(entry, tag: "update"))
            case .note: keyEvents.append(event(entry, tag: "note"))
            case .solution: keyEvents.append(event(entry, tag: "solution"))
            case .alert: keyEvents.append(event(entry, tag: "alert"))
            case .gap:
                gaps.append(event(entry))
                keyEvents.append(event(entry, tag: "gap"))
            case .lifecycle: lifecycle(entry)
            case .message, .notice, .action:
                if entry.isKeyEvent { keyEvents.append(event(entry, tag: "marked")) }
            case .join, .part, .quit, .nick, .kick, .topic, .mode, .mark:
                if entry.isKeyEvent { keyEvents.append(event(entry)) }
            }
        }

        private func event(_ entry: TimelineEntry, tag: String? = nil) -> Event {
            Event(time: entry.time, author: entry.author, text: entry.text, tag: tag)
        }

        private mutating func lifecycle(_ entry: TimelineEntry) {
            let isTimer = entry.detail?.isTimer ?? false
            if entry.isKeyEvent { keyEvents.append(event(entry, tag: isTimer ? "timer" : nil)) }
            switch entry.detail?.action {
            case .containment: steps.append(Step(kind: .containment, event: trimmed(entry, "containment: ")))
            case .cause: rootCause = trimmed(entry, "root cause: ")
            case .state(_, let next, let how): changeState(to: next, how: how, entry)
            case .lead(_, let holder): changeHolder(of: "lead", holder, entry)
            case .role(let role, _, let holder): changeHolder(of: role, holder, entry)
            case .escalatedToTier(let level):
                escalations.append(Escalation(destination: "tier \(level)", event: event(entry), isAutomatic: isTimer))
            case .escalatedTo(let target):
                escalations.append(Escalation(destination: target, event: event(entry), isAutomatic: isTimer))
            case .severity: severityChanges.append(event(entry))
            default: break
            }
        }

        /// `entry` as an event, its text without `prefix`.
        private func trimmed(_ entry: TimelineEntry, _ prefix: String) -> Event {
            var result = event(entry)
            if result.text.hasPrefix(prefix) { result.text = String(result.text.dropFirst(prefix.count)) }
            return result
        }

        private mutating func changeHolder(of role: String, _ holder: String, _ entry: TimelineEntry) {
            if let index = holders[role] { tenures[index].end = entry.time }
            holders[role] = tenures.count
            tenures.append(Tenure(role: role, holder: holder, start: entry.time, end: nil))
        }

        /// A state change, by a workaround or a reopening when `how` says so.
        private mutating func changeState(to next: IncidentState, how: TimelineDetail.StateChange?, _ entry: TimelineEntry) {
            stateTimes[state, default: .zero] += stateSince.duration(to: entry.time)
            let why = reason(entry, from: state, to: next)
            state = next
            stateSince = entry.time
            endedAt = (next == .closed || next == .cancelled) ? entry.time : nil
            let event = Event(time: entry.time, author: entry.author, text: why ?? "")
            switch (next, how == .workaround, how == .reopen) {
            case (.mitigated, true, _):
                steps.append(Step(kind: .workaround, event: stripped(event, "workaround: ")))
            case (.mitigated, false, _) where why != nil: steps.append(Step(kind: .mitigation, event: event))
            case (.resolved, _, _): resolution = event
            case (.cancelled, _, _): cancellation = stripped(event, "cancelled: ")
            case (_, _, true):
                resolution = nil
                reopenings.append(stripped(event, "reopened: "))
            default: break
            }
        }

        /// The reason in `state: from -> to (reason)`, as typed.
        private func reason(_ entry: TimelineEntry, from: IncidentState, to: IncidentState) -> String? {
            let prefix = "state: \(from) -> \(to) ("
            guard entry.text.hasPrefix(prefix), entry.text.hasSuffix(")") else { return nil }
            return String(entry.text.dropFirst(prefix.count).dropLast())
        }

        private func stripped(_ event: Event, _ prefix: String) -> Event {
            var result = event
            if result.text.hasPrefix(prefix) { result.text = String(result.text.dropFirst(prefix.count)) }
            return result
        }

        func finish(
            followUps: [FollowUp], transcriptLines: Int, chainHead: String?, generatedAt: Timestamp,
            rules: ReviewRules
        ) -> ReviewDocument {
            var document = ReviewDocument(
                incident: incident, generatedAt: generatedAt, impact: impact,
                durations: durations(until: generatedAt), tenures: tenures, keyEvents: keyEvents, steps: steps,
                rootCause: rootCause, resolution: resolution, cancellation: cancellation, factors: factors,
                lessons: lessons,
                followUps: followUps, escalations: escalations, reopenings: reopenings,
                severityChanges: severityChanges, gaps: gaps, transcriptLines: transcriptLines,
                chainHead: chainHead)
            document.openQuestions = ReviewQuestions.ask(about: document, rules: rules)
            return document
        }

        private func durations(until now: Timestamp) -> Durations {
            let start = incident.declaredAt
            var times = stateTimes
            let end: Timestamp
            if let endedAt {
                end = endedAt
            } else {
                end = max(now, stateSince)
                times[state, default: .zero] += stateSince.duration(to: end)
            }
            return Durations(
                toAcknowledge: incident.acknowledgedAt.map { start.duration(to: $0) },
                toMitigate: incident.mitigatedAt.map { start.duration(to: $0) },
                toResolve: incident.resolvedAt.map { start.duration(to: $0) },
                total: start.duration(to: end),
                isFinal: endedAt != nil,
                inState: IncidentState.allCases.compactMap { state in times[state].map { StateTime(state, $0) } })
        }
    }
}
