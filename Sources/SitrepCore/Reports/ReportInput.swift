/// What a report is computed from: the incidents declared in the period, and who did what on their timelines.
public struct ReportInput: Sendable, Equatable {
    public var incidents: [Incident]
    public var activity: [ResponderActivity]

    public init(incidents: [Incident], activity: [ResponderActivity] = []) {
        self.incidents = incidents
        self.activity = activity
    }
}

/// One thing a person did for an incident that counts towards "busiest responders".
public struct ResponderActivity: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// The first acknowledgement of an incident (repeat acks are not counted).
        case ack
        /// Became the incident's lead (counted for the new lead, once per hand-over).
        case lead
        /// A `/note`.
        case note
    }

    public var incidentID: Int64
    public var nick: String
    public var kind: Kind

    public init(incidentID: Int64, nick: String, kind: Kind) {
        self.incidentID = incidentID
        self.nick = nick
        self.kind = kind
    }
}

/// Report periods as typed: `7d`, `30d`, `24h`, `2w` (1 hour to 3660 days).
public enum ReportPeriod {
    public static func parse(_ text: some StringProtocol) -> Duration? {
        let text = text.lowercased()
        guard let unit = text.last, let number = Int64(text.dropLast()), number > 0 else { return nil }
        let hours: Int64
        switch unit {
        case "h": hours = number
        case "d": hours = number * 24
        case "w": hours = number * 24 * 7
        default: return nil
        }
        guard hours <= 3660 * 24 else { return nil }
        return .seconds(hours * 3600)
    }

    /// `30d`, `36h`: the shortest exact spelling of a period.
    public static func format(_ period: Duration) -> String {
        let hours = period.components.seconds / 3600
        return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours)h"
    }
}
