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
            let detail = entry.detail ?? ""
            let isTimer = detail.contains("timer=")
            if entry.isKeyEvent { keyEvents.append(event(entry, tag: isTimer ? "timer" : nil)) }
            let head = detail.prefix { $0 != " " }
            guard let equals = head.firstIndex(of: "=") else {
                switch head {
                case "contain": steps.append(Step(kind: .containment, event: trimmed(entry, "containment: ")))
                case "cause": rootCause = trimmed(entry, "root cause: ")
                default: break
                }
                return
            }
            let key = head[..<equals]
            let value = head[head.index(after: equals)...]
            switch key {
            case "state": changeState(value, tag: detail.dropFirst(head.count), entry)
            case "lead": changeHolder(of: "lead", value, entry)
            case "role":
                guard let colon = value.firstIndex(of: ":") else { return }
                changeHolder(of: String(value[..<colon]), value[value.index(after: colon)...], entry)
            case "escalate":
                let target = value.hasPrefix("tier") ? "tier \(value.dropFirst(4))" : String(value.dropFirst(7))
                escalations.append(Escalation(destination: target, event: event(entry), isAutomatic: isTimer))
            case "severity": severityChanges.append(event(entry))
            default: break
            }
        }

        /// `entry` as an event, its text without `prefix`.
        private func trimmed(_ entry: TimelineEntry, _ prefix: String) -> Event {
            var result = event(entry)
            if result.text.hasPrefix(prefix) { result.text = String(result.text.dropFirst(prefix.count)) }
            return result
        }

        /// `old->new` → `new` (nicks, role names and states never contain `>`).
        private static func arrowTarget(_ value: Substring) -> Substring? {
            guard let arrow = value.lastIndex(of: ">"), arrow > value.startIndex,
                value[value.index(before: arrow)] == "-"
            else { return nil }
            return value[value.index(after: arrow)...]
        }

        private mutating func changeHolder(of role: String, _ change: Substring, _ entry: TimelineEntry) {
            guard let holder = Self.arrowTarget(change) else { return }
            if let index = holders[role] { tenures[index].end = entry.time }
            holders[role] = tenures.count
            tenures.append(Tenure(role: role, holder: String(holder), start: entry.time, end: nil))
        }

        /// `state=from->to` with ` workaround` or ` reopen` after it.
        private mutating func changeState(_ change: Substring, tag: Substring, _ entry: TimelineEntry) {
            guard let name = Self.arrowTarget(change), let next = IncidentState(rawValue: String(name)) else { return }
            stateTimes[state, default: .zero] += stateSince.duration(to: entry.time)
            let why = reason(entry, from: state, to: next)
            state = next
            stateSince = entry.time
            endedAt = (next == .closed || next == .cancelled) ? entry.time : nil
            let event = Event(time: entry.time, author: entry.author, text: why ?? "")
            switch (next, tag.contains("workaround"), tag.contains("reopen")) {
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
