import SitrepCore

/// A public timeline entry: a step of the incident's history or a stakeholder update.
///
/// JSON: `time` (ISO 8601 UTC), `event` (history only: `declared`, `acknowledged`, `state`, `severity`, `lead`,
/// `priority`, `category`, `services`), `text`, `author` (the nick that did it; empty for the bot's timers).
public struct PublicEntryView: Encodable, Sendable, Equatable {
    public let time: String
    public let event: String?
    public let text: String
    public let author: String

    let timeText: String
    /// `author`, or nil when empty (the page then names nobody).
    let by: String?

    enum CodingKeys: String, CodingKey {
        case time, event, text, author
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time, forKey: .time)
        try container.encode(event, forKey: .event)
        try container.encode(text, forKey: .text)
        try container.encode(author, forKey: .author)
    }

    /// nil when `entry` is not public (see `PublicTimeline`).
    public init?(_ entry: TimelineEntry) {
        guard PublicTimeline.isPublic(entry) else { return nil }
        time = WebTime.iso(entry.time)
        event = PublicTimeline.event(of: entry)
        text = entry.text
        author = entry.author
        timeText = WebTime.display(entry.time)
        by = entry.author.isEmpty ? nil : entry.author
    }
}

extension PublicEntryView: TemplateFields {
    static let templateFields: [String: PartialKeyPath<PublicEntryView> & Sendable] = [
        "time": \.time, "event": \.event, "text": \.text, "author": \.author, "timeText": \.timeText, "by": \.by,
    ]
}
