/// A direct message to one person: an escalation page or a backup-commander handoff offer.
///
/// `person` is an identity, not a nick: the caller finds who is on the network with that account (or nick) and
/// sends `text` to them as a NOTICE or PRIVMSG. `text` is one line, already safe to send.
public struct Page: Sendable, Equatable {
    public var person: ChatIdentity
    public var text: String

    public init(person: ChatIdentity, text: String) {
        self.person = person
        self.text = text
    }
}

/// What happens when a timer fires, decided by `TimerPlanner.fire`: the caller stores `incident` and `entries`
/// in one transaction (after claiming the timer), then says `channelLines` in the incident channel, sends
/// `pages` and puts `announce` in the announce channel, then replans.
public struct TimerFiring: Sendable, Equatable {
    /// The incident after firing (an escalation records its level and time; other kinds leave it as it was).
    public var incident: Incident
    /// One `.lifecycle` key-event entry saying what fired, and how late.
    public var entries: [TimelineEntry]
    /// Lines for the incident channel, one line each.
    public var channelLines: [String]
    /// Direct messages to people.
    public var pages: [Page]
    /// A line for the announce channel (escalations and SLA breaches).
    public var announce: String?
    /// How long after its due time the timer fired (zero when on time or early).
    public var lateness: Duration

    public init(
        incident: Incident, entries: [TimelineEntry] = [], channelLines: [String] = [], pages: [Page] = [],
        announce: String? = nil, lateness: Duration = .zero
    ) {
        self.incident = incident
        self.entries = entries
        self.channelLines = channelLines
        self.pages = pages
        self.announce = announce
        self.lateness = lateness
    }
}
