import SitrepCore
import Testing

@Suite struct PermissionsTests {
    static let commanderActions: Set<LifecycleAction> = [
        .severity, .escalate, .resolve, .close, .cancel, .reopen,
    ]

    static var levelActionPairs: [(AccessLevel, LifecycleAction)] {
        AccessLevel.allCases.flatMap { level in LifecycleAction.allCases.map { (level, $0) } }
    }

    @Test(arguments: levelActionPairs)
    func permissionTable(level: AccessLevel, action: LifecycleAction) {
        let needed: AccessLevel = Self.commanderActions.contains(action) ? .commander : .responder
        let refusal = Permissions.refusal(
            for: action,
            rights: Rights(level: level, basis: .everyone),
            lead: nil
        )
        #expect((refusal == nil) == (level >= needed), "\(level) \(action): \(refusal ?? "allowed")")
    }

    @Test func declareAndQueriesNeedNoRights() {
        let intents: [IncidentIntent] = [
            .declare(severity: nil, title: "x"), .status, .timeline(limit: nil), .incidents, .followups,
            .roles, .postmortem,
            .whoami, .help(command: nil),
        ]
        for intent in intents { #expect(intent.requiredLevel == .stakeholder, "\(intent)") }
    }

    @Test func refusalsSayWhoMayDoIt() {
        let alice = Participant(identity: .account("alice"), nick: "alice")
        #expect(
            Permissions.refusal(for: .resolve, rights: .responder, lead: alice)
                == "only a commander or the lead (alice) may resolve; you are a responder"
        )
        #expect(
            Permissions.refusal(for: .close, rights: .stakeholder, lead: nil)
                == "only a commander or the incident's lead may close; you are a stakeholder"
        )
        #expect(
            Permissions.refusal(for: .ack, rights: .stakeholder, lead: nil)
                == "only a responder or commander may acknowledge; you are a stakeholder"
        )
    }

    static let permissions = Permissions(
        commanders: [.account("Boss"), .nick("nickboss")],
        responders: [.account("resp"), .nick("nickresp")],
        allowNickIdentities: false
    )

    struct Case: Sendable, CustomTestStringConvertible {
        var participant: Participant
        var isOperator = false
        var allowNicks = false
        var expected: Rights
        var testDescription: String { "\(participant.identity) op=\(isOperator) nicks=\(allowNicks)" }
    }

    static let cases: [Case] = [
        Case(participant: .init(identity: .account("boss"), nick: "b"), expected: .commander),
        Case(participant: .init(identity: .account("RESP"), nick: "r"), expected: .responder),
        Case(participant: .init(identity: .account("nobody"), nick: "n"), expected: .stakeholder),
        Case(
            participant: .init(identity: .account("nobody"), nick: "n"),
            isOperator: true,
            expected: Rights(level: .responder, basis: .channelOperator)
        ),
        Case(
            participant: .init(identity: .account("resp"), nick: "r"),
            isOperator: true,
            expected: .responder
        ),
        // Nick identities get nothing while accounts are required, whatever the lists or modes say.
        Case(
            participant: .init(identity: .nick("nickboss"), nick: "nickboss"),
            expected: Rights(level: .stakeholder, basis: .accountRequired)
        ),
        Case(
            participant: .init(identity: .nick("nobody"), nick: "nobody"),
            isOperator: true,
            expected: Rights(level: .stakeholder, basis: .accountRequired)
        ),
        // An account does not match a nick entry while nick identities are not accepted.
        Case(participant: .init(identity: .account("x"), nick: "nickboss"), expected: .stakeholder),
        // With nick identities accepted, nick entries match the current nick, case-insensitively.
        Case(
            participant: .init(identity: .nick("NickBoss"), nick: "NickBoss"),
            allowNicks: true,
            expected: .commander
        ),
        Case(
            participant: .init(identity: .nick("nickresp"), nick: "nickresp"),
            allowNicks: true,
            expected: .responder
        ),
        Case(
            participant: .init(identity: .nick("other"), nick: "other"),
            isOperator: true,
            allowNicks: true,
            expected: Rights(level: .responder, basis: .channelOperator)
        ),
        Case(
            participant: .init(identity: .account("x"), nick: "nickresp"),
            allowNicks: true,
            expected: .responder
        ),
        // Another network's account is someone else.
        Case(
            participant: .init(identity: .account("boss", network: "matrix"), nick: "b"),
            expected: .stakeholder
        ),
    ]

    @Test(arguments: cases)
    func rightsFromConfiguredIdentities(example: Case) {
        var permissions = Self.permissions
        permissions.allowNickIdentities = example.allowNicks
        #expect(
            permissions.rights(for: example.participant, isChannelOperator: example.isOperator)
                == example.expected
        )
    }

    @Test func theLeadIsCommanderOfTheirIncident() {
        let lead = Participant(identity: .account("oncall"), nick: "oncall-1")
        var incident = Incident(
            id: 4,
            title: "t",
            severity: .sev2,
            channel: ChatChannel(name: "#inc-4"),
            declaredBy: lead,
            declaredAt: Timestamp(milliseconds: 0)
        )
        incident.lead = lead
        let renamed = Participant(identity: .account("ONCALL"), nick: "oncall-away")
        #expect(
            Self.permissions.rights(for: renamed, in: incident)
                == Rights(level: .commander, basis: .incidentLead)
        )
        #expect(Self.permissions.rights(for: renamed) == .stakeholder)
    }

    @Test func aNickLeadNeedsNickIdentitiesAccepted() {
        let lead = Participant(identity: .nick("oncall"), nick: "oncall")
        var incident = Incident(
            id: 4,
            title: "t",
            severity: .sev2,
            channel: ChatChannel(name: "#inc-4"),
            declaredBy: lead,
            declaredAt: Timestamp(milliseconds: 0)
        )
        incident.lead = lead
        #expect(Self.permissions.rights(for: lead, in: incident).level == .stakeholder)
        let lenient = Permissions(allowNickIdentities: true)
        #expect(lenient.rights(for: lead, in: incident).level == .commander)
    }

    @Test func ircCaseMappingFoldsBrackets() {
        #expect(IRCCase.equal("Nick[away]", "nick{AWAY}"))
        #expect(IRCCase.equal("a\\b~", "A|B^"))
        #expect(!IRCCase.equal("alice", "alicE_"))
    }
}
