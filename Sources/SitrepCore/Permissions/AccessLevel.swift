/// How much someone may do in an incident. Ordered: stakeholder < responder < commander.
public enum AccessLevel: Int, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Everyone: may declare incidents and use the read-only commands.
    case stakeholder
    /// May change an incident's lifecycle (ack, state, notes, updates, follow-ups…).
    case responder
    /// May also change severity, escalate, resolve, close, cancel and reopen.
    case commander

    public static func < (lhs: AccessLevel, rhs: AccessLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .stakeholder: "stakeholder"
        case .responder: "responder"
        case .commander: "commander"
        }
    }

    /// `a stakeholder`, `a responder`, `a commander`.
    public var withArticle: String { "a \(description)" }
}

/// What a participant may do, and why: computed by `Permissions`, passed to `IncidentReducer`, shown by `/whoami`.
public struct Rights: Sendable, Equatable, CustomStringConvertible {
    /// Where the level comes from.
    public enum Basis: Sendable, Equatable {
        case everyone
        /// A nick-only identity while config requires accounts for rights.
        case accountRequired
        case listedResponder
        case channelOperator
        case listedCommander
        case incidentLead
        /// sitrep paged them for this incident.
        case paged
    }

    public var level: AccessLevel
    public var basis: Basis

    public init(level: AccessLevel, basis: Basis) {
        self.level = level
        self.basis = basis
    }

    public static let stakeholder = Rights(level: .stakeholder, basis: .everyone)
    public static let responder = Rights(level: .responder, basis: .listedResponder)
    public static let commander = Rights(level: .commander, basis: .listedCommander)

    /// `responder (channel operator)`, for `/whoami`.
    public var description: String {
        switch basis {
        case .everyone: "\(level)"
        case .accountRequired: "\(level) (log in to an account to get rights)"
        case .listedResponder: "\(level) (listed responder)"
        case .channelOperator: "\(level) (channel operator)"
        case .listedCommander: "\(level) (listed commander)"
        case .incidentLead: "\(level) (lead of this incident)"
        case .paged: "\(level) (paged for this incident)"
        }
    }
}
