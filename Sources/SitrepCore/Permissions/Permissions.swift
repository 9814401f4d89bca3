/// Who may do what: configured identities → `Rights`, and the check that turns missing rights into a refusal.
///
/// - Config lists commanders and responders as accounts or nicks.
/// - `allowNickIdentities` false (the default): a participant without an account is a stakeholder whatever the
///   lists, channel modes or lead say, and nick entries in the lists are ignored: rights need an account.
/// - A channel operator in the incident channel is a responder (the caller says so with `isChannelOperator`).
/// - The incident's lead is a commander for that incident.
/// - Someone sitrep paged for the incident (the caller passes them as `paged`) is a responder in it.
/// - Names compare case-insensitively (IRC rfc1459 case mapping).
///
/// | needs       | actions |
/// |-------------|---------|
/// | stakeholder | declare, status, timeline, incidents, followups, roles, timers, postmortem, whoami, help, search, stats |
/// | responder   | ack investigating identified contain workaround mitigated cause note update mark solution factor lesson followup done category service priority role lead remind snooze |
/// | commander or lead | sev escalate resolve close cancel reopen |
public struct Permissions: Sendable, Equatable {
    public var commanders: [ChatIdentity]
    public var responders: [ChatIdentity]
    public var allowNickIdentities: Bool

    public init(
        commanders: [ChatIdentity] = [],
        responders: [ChatIdentity] = [],
        allowNickIdentities: Bool = false
    ) {
        self.commanders = commanders
        self.responders = responders
        self.allowNickIdentities = allowNickIdentities
    }

    /// The rights of `participant`, in `incident` when given (lead, channel operator, `paged` for it).
    public func rights(
        for participant: Participant,
        isChannelOperator: Bool = false,
        in incident: Incident? = nil,
        paged: [ChatIdentity] = []
    )
        -> Rights
    {
        guard participant.identity.isAuthenticated || allowNickIdentities else {
            return Rights(level: .stakeholder, basis: .accountRequired)
        }
        if commanders.contains(where: { matches($0, participant) }) {
            return Rights(level: .commander, basis: .listedCommander)
        }
        if let lead = incident?.lead, lead.identity.isSameIdentity(as: participant.identity) {
            return Rights(level: .commander, basis: .incidentLead)
        }
        if responders.contains(where: { matches($0, participant) }) {
            return Rights(level: .responder, basis: .listedResponder)
        }
        if isChannelOperator { return Rights(level: .responder, basis: .channelOperator) }
        if incident != nil, paged.contains(where: { matches($0, participant) }) {
            return Rights(level: .responder, basis: .paged)
        }
        return .stakeholder
    }

    /// A configured identity names the participant: an account entry by account, a nick entry by current nick
    /// (only when nick identities are allowed).
    private func matches(_ entry: ChatIdentity, _ participant: Participant) -> Bool {
        guard entry.network == participant.identity.network else { return false }
        switch entry.kind {
        case .account:
            return participant.identity.isAuthenticated
                && IRCCase.equal(entry.name, participant.identity.name)
        case .nick:
            return allowNickIdentities && IRCCase.equal(entry.name, participant.nick)
        }
    }

    /// Nil when `rights` suffice for `action`, else the refusal to reply, e.g.
    /// "only a commander or the lead (alice) may resolve; you are a responder".
    public static func refusal(
        for action: LifecycleAction,
        rights: Rights,
        lead: Participant?
    )
        -> String?
    {
        let required = action.requiredLevel
        guard rights.level < required else { return nil }
        let who: String
        switch required {
        case .commander:
            who =
                lead.map { "a commander or the lead (\($0.nick))" } ?? "a commander or the incident's lead"
        case .responder, .stakeholder:
            who = "a responder or commander"
        }
        return "only \(who) may \(action.verb); you are \(rights.level.withArticle)"
    }
}

extension ChatIdentity {
    /// The same person: same network and kind, names equal under IRC case mapping.
    public func isSameIdentity(as other: ChatIdentity) -> Bool {
        network == other.network && kind == other.kind && IRCCase.equal(name, other.name)
    }
}

/// IRC rfc1459 case mapping (`A-Z` ↔ `a-z`, `[]\~` ↔ `{}|^`), for comparing nicks and accounts.
public enum IRCCase {
    public static func fold(_ text: some StringProtocol) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar -> Unicode.Scalar in
                    switch scalar {
                    case "A"..."Z": Unicode.Scalar(scalar.value + 32)!
                    case "[": "{"
                    case "]": "}"
                    case "\\": "|"
                    case "~": "^"
                    default: scalar
                    }
                }
            )
        )
    }

    public static func equal(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
        fold(lhs) == fold(rhs)
    }
}
