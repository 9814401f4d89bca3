/// A deadline sitrep keeps for an incident: when it passes, sitrep pages, reminds or warns.
///
/// Timers are stored, not only held in memory: after a restart every pending one is re-armed, and one whose time
/// passed while sitrep was down fires once, late. A timer is known by `id` (incident, kind, key); firing claims it
/// in the store first, so it never fires twice.
public struct IncidentTimer: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Not acknowledged in time: page the next escalation tier (`key` = `tier-N`).
        case escalation
        /// The lead owes stakeholders an `/update` (`key` = the time of the last update or declaration).
        case updateDue
        /// Nobody leads the incident yet.
        case commanderMissing
        /// A configured role is still unset (`key` = the role).
        case roleUnset
        /// SLA response/resolution target at the warning threshold or breached (`key` = `response-warning`, …).
        case sla
        /// Resolved but not closed.
        case closeReminder
        /// The lead has said nothing for a while (`key` = `nag-…` then `backup-…`).
        case quietCommander
        /// `/remind <duration> <text>` (`key` = its number).
        case reminder
    }

    /// What makes a timer unique: replanning produces the same id for the same deadline.
    public struct ID: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
        public var incidentID: Int64
        public var kind: Kind
        public var key: String

        public init(incidentID: Int64, kind: Kind, key: String) {
            self.incidentID = incidentID
            self.kind = kind
            self.key = key
        }

        public var description: String { "INC-\(incidentID)/\(kind.rawValue)/\(key)" }
    }

    public var id: ID
    public var due: Timestamp
    /// Free text carried by the timer (a reminder's text, a tier's people).
    public var text: String?

    public init(id: ID, due: Timestamp, text: String? = nil) {
        self.id = id
        self.due = due
        self.text = text
    }

    public init(incidentID: Int64, kind: Kind, key: String, due: Timestamp, text: String? = nil) {
        self.init(id: ID(incidentID: incidentID, kind: kind, key: key), due: due, text: text)
    }
}
