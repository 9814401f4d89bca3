import SitrepCore

/// The internal view of an incident's timeline (`/incidents/<id>/timeline`, `/api/incidents/<id>/timeline`):
/// every entry, transcript and notes included. Served only with the operator's token.
///
/// JSON: `incident` (`IncidentView`), `entries` (oldest first), `truncated` (true when earlier entries exist than
/// the first one returned), `limit`, `pages` (every page attempt, oldest first).
public struct InternalTimelineView: Encodable, Sendable, Equatable {
    /// One timeline entry. JSON: `sequence`, `time`, `kind` (`TimelineEntry.Kind`: `message`, `note`,
    /// `lifecycle`…), `author`, `account`, `text`, `detail`, `key_event`.
    public struct Entry: Encodable, Sendable, Equatable {
        public let sequence: Int64
        public let time: String
        public let kind: String
        public let author: String
        public let account: String?
        public let text: String
        public let detail: String?
        public let keyEvent: Bool

        let timeText: String

        enum CodingKeys: String, CodingKey {
            case sequence, time, kind, author, account, text, detail
            case keyEvent = "key_event"
        }

        init(_ entry: TimelineEntry) {
            sequence = entry.sequence
            time = WebTime.iso(entry.time)
            kind = entry.kind.rawValue
            author = entry.author
            account = entry.account
            text = entry.text
            detail = entry.detail?.encoded
            keyEvent = entry.isKeyEvent
            timeText = WebTime.displaySeconds(entry.time)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sequence, forKey: .sequence)
            try container.encode(time, forKey: .time)
            try container.encode(kind, forKey: .kind)
            try container.encode(author, forKey: .author)
            try container.encode(account, forKey: .account)
            try container.encode(text, forKey: .text)
            try container.encode(detail, forKey: .detail)
            try container.encode(keyEvent, forKey: .keyEvent)
        }
    }

    /// One page attempt. JSON: `id` (the idempotency key), `person`, `method`, `address`, `step`, `status`
    /// (`queued`, `sent`, `failed`, `acknowledged`), `reason`, `queued_at`, `updated_at`.
    public struct Page: Encodable, Sendable, Equatable {
        public let id: String
        public let person: String
        public let method: String
        public let address: String
        public let step: String
        public let status: String
        public let reason: String?
        public let queuedAt: String
        public let updatedAt: String?

        let queuedText: String

        enum CodingKeys: String, CodingKey {
            case id, person, method, address, step, status, reason
            case queuedAt = "queued_at"
            case updatedAt = "updated_at"
        }

        init(_ attempt: PageAttempt) {
            id = attempt.id
            person = attempt.person.name
            method = attempt.method
            address = attempt.address
            step = attempt.step
            status = attempt.status.rawValue
            reason = attempt.reason
            queuedAt = WebTime.iso(attempt.queuedAt)
            updatedAt = attempt.updatedAt.map(WebTime.iso)
            queuedText = WebTime.displaySeconds(attempt.queuedAt)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(person, forKey: .person)
            try container.encode(method, forKey: .method)
            try container.encode(address, forKey: .address)
            try container.encode(step, forKey: .step)
            try container.encode(status, forKey: .status)
            try container.encode(reason, forKey: .reason)
            try container.encode(queuedAt, forKey: .queuedAt)
            try container.encode(updatedAt, forKey: .updatedAt)
        }
    }

    public let incident: IncidentView
    public let entries: [Entry]
    public let truncated: Bool
    public let limit: Int
    public let pages: [Page]
    /// For the page template: whether to draw the table of pages.
    let hasPages: Bool

    enum CodingKeys: String, CodingKey {
        case incident, entries, truncated, limit, pages
    }

    /// `entries` are the last `limit` of the timeline; sequences start at 1, so a later first one means more exist.
    public init(incident: Incident, entries: [TimelineEntry], limit: Int, now: Timestamp, pages: [PageAttempt] = []) {
        self.pages = pages.map(Page.init)
        hasPages = !pages.isEmpty
        self.incident = IncidentView(incident, now: now)
        let redactions = TimelineRedactions(entries)
        self.entries = entries.map { Entry(redactions.shown($0)) }
        truncated = (entries.first?.sequence ?? 1) > 1
        self.limit = limit
    }
}

extension InternalTimelineView.Entry: TemplateFields {
    static let templateFields: [String: PartialKeyPath<InternalTimelineView.Entry> & Sendable] = [
        "sequence": \.sequence, "time": \.time, "kind": \.kind, "author": \.author, "account": \.account,
        "text": \.text, "detail": \.detail, "keyEvent": \.keyEvent, "timeText": \.timeText,
    ]
}

extension InternalTimelineView.Page: TemplateFields {
    static let templateFields: [String: PartialKeyPath<InternalTimelineView.Page> & Sendable] = [
        "id": \.id, "person": \.person, "method": \.method, "address": \.address, "step": \.step,
        "status": \.status, "reason": \.reason, "queuedAt": \.queuedAt, "updatedAt": \.updatedAt,
        "queuedText": \.queuedText,
    ]
}
