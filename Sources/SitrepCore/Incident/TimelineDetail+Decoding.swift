extension TimelineDetail: ExpressibleByStringLiteral, CustomStringConvertible, Codable {
    /// The detail `text` encodes: the case whose encoding is exactly `text`, else `.other(text)`, so that
    /// `TimelineDetail(text).encoded == text` for every string.
    public init(_ text: String) {
        if let parsed = Self.parse(text), parsed.encoded == text {
            self = parsed
        } else {
            self = .other(text)
        }
    }

    /// A literal is decoded like any stored text (`"ack=first"` is `.acknowledged`).
    public init(stringLiteral text: String) {
        self.init(text)
    }

    public var description: String { encoded }

    /// Encoded as its stored text, like the stores keep it.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(encoded)
    }

    /// A candidate reading of `text`; `init(_:)` keeps it only when it encodes back to `text`.
    private static func parse(_ text: String) -> TimelineDetail? {
        if let tag = find(timerSeparator, in: Substring(text), last: true) {
            return timer(text[text.index(after: tag)...], fired: TimelineDetail(String(text[..<tag])))
        }
        if text.utf8.starts(with: timerTag.utf8) { return timer(Substring(text), fired: nil) }
        if let word = words[text] { return word }
        for (prefix, make) in phrases where text.utf8.starts(with: prefix.utf8) {
            return make(String(text.utf8.dropFirst(prefix.utf8.count))!)
        }
        if fielded.contains(where: { text.utf8.starts(with: $0.utf8) }) { return fields(text) }
        guard let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        return keyed(String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    /// The first words of the details made of fields (`fields(_:)`).
    private static let fielded = ["declare ", "gap ", "alert ", "oncall-override ", "followup "]

    private static let words: [String: TimelineDetail] = [
        "contain": .containment, "update": .update, "note": .note, "solution": .solution, "factor": .factor,
        "lesson": .lesson, "cause": .cause, "followup": .followup(owner: nil), "ack=first": .acknowledged,
        "ack=repeat": .acknowledgedAgain, "rights=paged": .rightsPaged,
    ]

    private static let phrases: [(String, @Sendable (String) -> TimelineDetail)] = [
        ("edit of ", { .edit(of: $0) }), ("redaction of ", { .redaction(of: $0) }),
    ]

    /// `tag` is `timer=kind/key`.
    private static func timer(_ tag: Substring, fired: TimelineDetail?) -> TimelineDetail? {
        let body = tag.dropFirst(timerTag.count)
        guard let slash = body.firstIndex(of: "/"), let kind = IncidentTimer.Kind(rawValue: String(body[..<slash]))
        else { return nil }
        if case .timer = fired { return nil }
        return .timer(kind, key: String(body[body.index(after: slash)...]), fired: fired)
    }

    /// `name a=1 b=2`: the details made of a name and space-separated fields.
    private static func fields(_ text: String) -> TimelineDetail? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        var values: [Substring: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { return nil }
            values[part[..<equals]] = String(part[part.index(after: equals)...])
        }
        switch parts[0] {
        case "declare":
            guard let severity = values["severity"].flatMap(Severity.init(parsing:)),
                let state = values["state"].flatMap(IncidentState.init(rawValue:))
            else { return nil }
            return .declare(severity: severity, state: state)
        case "gap":
            guard let from = values["from"].flatMap(Int64.init), let to = values["to"].flatMap(Int64.init) else { return nil }
            return .gap(from: Timestamp(milliseconds: from), to: Timestamp(milliseconds: to))
        case "alert":
            guard let id = values["id"].flatMap(Int64.init), let status = values["status"].flatMap(AlertStatus.init),
                let source = values["source"], let fingerprint = values["fingerprint"]
            else { return nil }
            return .alert(id: id, status: status, source: source, fingerprint: fingerprint)
        case "oncall-override":
            guard let schedule = values["schedule"], let person = values["person"],
                let id = values["id"].flatMap(Int64.init)
            else { return nil }
            return .onCallOverride(schedule: schedule, person: person, id: id)
        case "followup":
            return values["owner"].map { .followup(owner: $0) }
        default:
            return nil
        }
    }

    /// `key=value`.
    private static func keyed(_ key: String, _ value: String) -> TimelineDetail? {
        switch key {
        case "state":
            let (change, how) = value.utf8.firstIndex(of: UInt8(ascii: " ")).map { (value[..<$0], String(value[value.index(after: $0)...])) }
                ?? (Substring(value), nil)
            guard let (from, to) = arrow(change), let old = IncidentState(rawValue: from),
                let new = IncidentState(rawValue: to)
            else { return nil }
            if let how, StateChange(rawValue: how) == nil { return nil }
            return .state(from: old, to: new, how: how.flatMap(StateChange.init(rawValue:)))
        case "severity":
            guard let (from, to) = arrow(Substring(value)), let old = Severity(parsing: from),
                let new = Severity(parsing: to)
            else { return nil }
            return .severity(from: old, to: new)
        case "priority": return priority(value)
        case "category": return arrow(Substring(value)).map { .category(from: $0, to: $1) }
        case "services": return .services(value.isEmpty ? [] : value.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        case "lead": return arrow(Substring(value)).map { .lead(from: $0, to: $1) }
        case "role":
            guard let colon = value.firstIndex(of: ":"), let (from, to) = arrow(value[value.index(after: colon)...])
            else { return nil }
            return .role(String(value[..<colon]), from: from, to: to)
        case "escalate":
            if value.hasPrefix("target:") { return .escalatedTo(String(value.dropFirst("target:".count))) }
            return value.hasPrefix("tier") ? Int(value.dropFirst("tier".count)).map { .escalatedToTier($0) } : nil
        case "mark": return .mark(value)
        case "followup-done": return Int64(value).map { .followupDone($0) }
        case "remind": return .reminder(value)
        case "snooze": return .snooze(value)
        case "refused": return LifecycleAction(rawValue: value).map { .refused($0) }
        case "handoff-offer": return .handoffOffer(value)
        case "event": return .event(value)
        default: return nil
        }
    }

    /// `P1->P2 impact=high urgency=low`, the old priority `none` when there was none.
    private static func priority(_ value: String) -> TimelineDetail? {
        let parts = value.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, let (from, to) = arrow(parts[0]), parts[1].hasPrefix("impact="),
            parts[2].hasPrefix("urgency="),
            let impact = PriorityMatrix.Rating(parsing: parts[1].dropFirst("impact=".count)),
            let urgency = PriorityMatrix.Rating(parsing: parts[2].dropFirst("urgency=".count)),
            let new = priority(named: to)
        else { return nil }
        let old = from == "none" ? nil : priority(named: from)
        if from != "none", old == nil { return nil }
        return .priority(from: old, to: new, impact: impact, urgency: urgency)
    }

    private static func priority(named name: String) -> Priority? {
        name.hasPrefix("P") ? Int(name.dropFirst()).flatMap(Priority.init(rawValue:)) : nil
    }

    private static let timerSeparator = Array(" \(timerTag)".utf8)
    private static let arrowBytes = Array("->".utf8)

    /// `old->new`, split at the first arrow.
    private static func arrow(_ value: Substring) -> (String, String)? {
        guard let arrow = find(arrowBytes, in: value, last: false) else { return nil }
        return (String(value[..<arrow]), String(value[value.utf8.index(arrow, offsetBy: 2)...]))
    }

    /// Where the first (or last) `needle` in `text` starts, comparing UTF-8 bytes (the string algorithms of the
    /// standard library are far slower here, and this runs for every stored row read).
    private static func find(_ bytes: [UInt8], in text: Substring, last: Bool) -> String.Index? {
        let utf8 = text.utf8
        let offset = utf8.withContiguousStorageIfAvailable { buffer -> Int? in
            guard buffer.count >= bytes.count else { return nil }
            let starts = 0...(buffer.count - bytes.count)
            let matches = { (start: Int) in bytes.indices.allSatisfy { buffer[start + $0] == bytes[$0] } }
            return last ? starts.reversed().first(where: matches) : starts.first(where: matches)
        }
        if let offset { return offset.map { utf8.index(utf8.startIndex, offsetBy: $0) } }
        let starts = utf8.indices.filter { utf8[$0...].starts(with: bytes) }
        return last ? starts.last : starts.first
    }
}
