/// How a redacted chat line is shown. A redaction (Matrix `m.room.redaction`) is recorded as an entry of its own
/// (`detail` `redaction of $event`), and the original entry (`detail` `event=$event`) stays in the store and in
/// the tamper-evident chain as it was; exports and pages show it as `[redacted]`.
public struct TimelineRedactions: Sendable, Equatable {
    /// The text shown instead of a redacted line.
    public static let placeholder = "[redacted]"

    /// The chat event ids that a redaction entry names.
    public private(set) var redactedEvents: Set<String> = []

    public init() {}

    /// Collects the redactions among `entries` (call it for every page before showing any of them).
    public init(_ entries: some Sequence<TimelineEntry>) {
        note(entries)
    }

    public mutating func note(_ entries: some Sequence<TimelineEntry>) {
        for entry in entries {
            if case .redaction(let event) = entry.detail { redactedEvents.insert(event) }
        }
    }

    /// `entry` as it is shown: its text replaced by the placeholder when a redaction names its event.
    public func shown(_ entry: TimelineEntry) -> TimelineEntry {
        guard !redactedEvents.isEmpty, case .event(let event) = entry.detail, redactedEvents.contains(event)
        else { return entry }
        var shown = entry
        shown.text = Self.placeholder
        return shown
    }
}
