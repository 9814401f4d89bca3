/// One section of a rendered review: a heading and its blocks of plain text. The same sections feed the
/// Markdown and the HTML renderer, which make every string safe for their format (none is pre-escaped).
struct ReviewSection: Sendable, Equatable {
    enum Block: Sendable, Equatable {
        case paragraph(String)
        case list([String])
        /// Label and value pairs (`Severity: SEV1`).
        case fields([Field])
        case table(header: [String], rows: [[String]])
    }

    struct Field: Sendable, Equatable {
        var label: String
        var value: String

        init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    var title: String
    var blocks: [Block]

    init(_ title: String, _ blocks: [Block]) {
        self.title = title
        self.blocks = blocks
    }
}

extension ReviewDocument {
    /// The document's title line.
    var heading: String { "INC-\(incident.id) post-incident review: \(incident.title)" }

    /// The sections in reading order.
    var sections: [ReviewSection] {
        let time = ReviewTime(declaredAt: incident.declaredAt)
        return [
            summarySection(time), classificationSection,
            ReviewSection("Impact", impactBlocks(time)),
            durationsSection, rolesSection(time),
            ReviewSection("Key events", [events(keyEvents, time, none: "No key events were recorded.")]),
            ReviewSection(
                "Containment and workarounds",
                [list(steps.map { line($0.event, time, tag: $0.kind.rawValue) }, none: "None recorded.")]),
            ReviewSection("Root cause", [.paragraph(fact(rootCause, time, none: "Not recorded."))]),
            resolutionSection(time),
            ReviewSection("Contributing factors", [events(factors, time, none: "None recorded.")]),
            ReviewSection("Lessons learned", [events(lessons, time, none: "None recorded.")]),
            ReviewSection("Follow-up actions", [list(followUps.map { followUp($0, time) }, none: "None recorded.")]),
            ReviewSection("Open questions for the review meeting", [list(openQuestions, none: "None.")]),
            ReviewSection("Transcript", [.paragraph(transcriptNote)]),
        ]
    }

    /// What was hit and for how long, then what stakeholders were told (every `!update`, in order).
    private func impactBlocks(_ time: ReviewTime) -> [ReviewSection.Block] {
        var what = "\(incident.severity)"
        if !incident.services.isEmpty { what += " affecting \(incident.services.joined(separator: ", "))" }
        if let resolved = durations.toResolve {
            what += " for \(resolved.chatDescription) from declaration to resolution"
        } else if let mitigated = durations.toMitigate {
            what += " for \(mitigated.chatDescription) from declaration to mitigation"
        }
        guard !impact.isEmpty else { return [.paragraph("\(what). No stakeholder updates were posted.")] }
        return [.paragraph("\(what). What stakeholders were told:"), events(impact, time, none: "")]
    }

    /// The last line: the transcript is attached, not pasted.
    var transcriptNote: String {
        let lines = "\(transcriptLines) line\(transcriptLines == 1 ? "" : "s")"
        let head = chainHead.map { ", chain head \($0)" } ?? ""
        return "The full transcript (\(lines)\(head)) is attached separately: sitrep export \(incident.id)."
    }

    private func summarySection(_ time: ReviewTime) -> ReviewSection {
        var fields: [ReviewSection.Field] = [
            .init("Incident", "INC-\(incident.id)"),
            .init("Title", incident.title),
            .init("Declared", "\(ReviewTime.full(incident.declaredAt)) by \(incident.declaredBy.nick)"),
            .init("State", "\(incident.state)\(stateSuffix(time))"),
            .init("Lead", incident.lead?.nick ?? "none"),
            .init("Channel", incident.channel.name),
        ]
        if let by = incident.acknowledgedBy, let at = incident.acknowledgedAt {
            fields.insert(.init("Acknowledged", "\(time.clock(at)) by \(by.nick)"), at: 3)
        }
        fields.append(.init("Generated", ReviewTime.full(generatedAt)))
        return ReviewSection("Summary", [.fields(fields)])
    }

    private func stateSuffix(_ time: ReviewTime) -> String {
        switch incident.state {
        case .closed: incident.closedAt.map { " at \(time.clock($0))" } ?? ""
        case .cancelled: cancellation.map { " at \(time.clock($0.time))" } ?? ""
        default: " (still open)"
        }
    }

    private var classificationSection: ReviewSection {
        ReviewSection(
            "Classification",
            [
                .fields([
                    .init("Severity", "\(incident.severity)"),
                    .init("Priority", incident.priority.map { "\($0)" } ?? "not set"),
                    .init("Category", incident.category ?? "not set"),
                    .init("Services", incident.services.isEmpty ? "not set" : incident.services.joined(separator: ", ")),
                ])
            ])
    }

    private var durationsSection: ReviewSection {
        let d = durations
        let total = d.isFinal ? "Total (declared to \(incident.state))" : "Total so far (still open)"
        let rows = [
            ["Time to acknowledge", d.toAcknowledge?.chatDescription ?? "not acknowledged"],
            ["Time to mitigate", d.toMitigate?.chatDescription ?? "not mitigated"],
            ["Time to resolve", d.toResolve?.chatDescription ?? "not resolved"],
            [total, d.total.chatDescription],
        ]
        let states = d.inState.map { ["\($0.state)", $0.duration.chatDescription] }
        return ReviewSection(
            "Durations",
            [
                .table(header: ["Measure", "Duration"], rows: rows),
                .table(header: ["State", "Time in state"], rows: states),
            ])
    }

    private func rolesSection(_ time: ReviewTime) -> ReviewSection {
        guard !tenures.isEmpty else { return ReviewSection("Roles", [.paragraph("Nobody took a role or command.")]) }
        let rows = tenures.map { tenure in
            [tenure.role, tenure.holder, time.clock(tenure.start), tenure.end.map { time.clock($0) } ?? "end"]
        }
        return ReviewSection("Roles", [.table(header: ["Role", "Holder", "From", "Until"], rows: rows)])
    }

    private func resolutionSection(_ time: ReviewTime) -> ReviewSection {
        if let cancellation {
            return ReviewSection("Resolution", [.paragraph("Cancelled: " + fact(cancellation, time, none: ""))])
        }
        return ReviewSection("Resolution", [.paragraph(fact(resolution, time, none: "Not resolved."))])
    }

    private func events(_ events: [Event], _ time: ReviewTime, none: String) -> ReviewSection.Block {
        list(events.map { line($0, time, tag: $0.tag) }, none: none)
    }

    private func list(_ items: [String], none: String) -> ReviewSection.Block {
        items.isEmpty ? .paragraph(none) : .list(items)
    }

    /// `18:05:00 [note] alice: text`.
    private func line(_ event: Event, _ time: ReviewTime, tag: String?) -> String {
        let tag = tag.map { "[\($0)] " } ?? ""
        let who = event.author.isEmpty ? "" : "\(event.author): "
        return "\(time.clock(event.time)) \(tag)\(who)\(event.text)"
    }

    /// `text (recorded by alice at 18:50:00)`.
    private func fact(_ fact: Fact?, _ time: ReviewTime, none: String) -> String {
        guard let fact else { return none }
        return "\(fact.text) (recorded by \(fact.author) at \(time.clock(fact.time)))"
    }

    /// `#3 add alert (owner: bob) — open` / `— done at 10:00:00`.
    private func followUp(_ item: FollowUp, _ time: ReviewTime) -> String {
        let owner = item.owner.map { "owner: \($0)" } ?? "no owner"
        let state = item.state == .done ? "done" + (item.doneAt.map { " at \(time.clock($0))" } ?? "") : "open"
        return "#\(item.id) \(item.text) (\(owner)) — \(state)"
    }
}
