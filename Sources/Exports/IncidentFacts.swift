import SitrepCore

/// Every field of an incident as named rows, in a fixed order, for the Markdown and text exports. Fields
/// that are not set are left out.
struct IncidentFacts {
    struct Row: Equatable {
        var name: String
        var value: String
    }

    var rows: [Row] = []

    init(_ incident: Incident) {
        add("severity", incident.severity.description)
        add("priority", incident.priority?.description)
        add("state", incident.state.rawValue)
        add("category", incident.category)
        add("services", incident.services.isEmpty ? nil : incident.services.joined(separator: ", "))
        add("channel", "\(incident.channel.name) (\(incident.channel.network))")
        add("declared", "\(incident.declaredAt) by \(Self.person(incident.declaredBy))")
        add("lead", incident.lead.map(Self.person))
        let roles = incident.roles.sorted { $0.key < $1.key }.map { "\($0.key): \(Self.person($0.value))" }
        add("roles", roles.isEmpty ? nil : roles.joined(separator: ", "))
        add("acknowledged", Self.when(incident.acknowledgedAt, by: incident.acknowledgedBy))
        add("mitigated", incident.mitigatedAt?.description)
        add("resolved", incident.resolvedAt?.description)
        add("closed", incident.closedAt?.description)
        add("root cause", incident.rootCause)
        add("resolution", incident.resolution)
        add("public status", incident.publicStatus.map { status in
            incident.publicStatusAt.map { "\(status) (at \($0))" } ?? status
        })
        add("escalation level", incident.escalationLevel == 0 ? nil : "\(incident.escalationLevel)")
        add("last escalated", incident.lastEscalatedAt?.description)
        add("snoozed until", incident.snoozedUntil?.description)
        add("lead last spoke", incident.leadLastSpokeAt?.description)
    }

    private mutating func add(_ name: String, _ value: String?) {
        if let value { rows.append(Row(name: name, value: value)) }
    }

    /// `bob_ (nick:bob_ on libera)`.
    static func person(_ participant: Participant) -> String {
        "\(participant.nick) (\(participant.identity.description) on \(participant.identity.network))"
    }

    private static func when(_ time: Timestamp?, by participant: Participant?) -> String? {
        guard let time else { return nil }
        return participant.map { "\(time) by \(person($0))" } ?? time.description
    }
}

/// One-line descriptions of a chain, shared by `sitrep verify` and the exports.
public enum ChainSummary {
    /// `intact, 1234 entries, head 3fa2c01b…` or `BROKEN at entry 57: altered (…)`.
    public static func line(_ verification: ChainVerification) -> String {
        switch verification {
        case .intact(let count, let head):
            "intact, \(count) \(count == 1 ? "entry" : "entries"), head \(head.abbreviated)"
        case .broken(let sequence, let reason):
            "BROKEN at entry \(sequence): \(reason)"
        }
    }

    /// The verification line followed by the full recorded head.
    static func line(_ chain: IncidentExport.Chain) -> String {
        "\(line(chain.verification)); recorded head: entry \(chain.head.sequence) \(chain.head.hash) "
            + "(\(chain.encoding))"
    }
}
