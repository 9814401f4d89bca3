import SitrepCore

/// People and incidents the incident tests share.
enum Fixtures {
    static let alice = Participant(identity: .account("alice"), nick: "alice")
    static let bob = Participant(identity: .account("bob"), nick: "bob")
    static let guest = Participant(identity: .nick("guest"), nick: "guest")
    static let declaredAt = Timestamp(milliseconds: 1_800_000_000_000)

    static func at(seconds: Int64) -> Timestamp { declaredAt.adding(.seconds(seconds)) }

    /// Incident 4, SEV2, declared by bob, in `state`.
    static func incident(_ state: IncidentState = .investigating) -> Incident {
        Incident(
            id: 4,
            title: "Checkout returns 500s",
            severity: .sev2,
            channel: ChatChannel(name: "#inc-4"),
            declaredBy: bob,
            declaredAt: declaredAt,
            state: state
        )
    }

    /// A sample intent for each lifecycle action.
    static let intents: [LifecycleAction: IncidentIntent] = [
        .ack: .ack, .investigating: .investigating, .identified: .identified("bad deploy"),
        .contain: .contain("drained eu-1"), .workaround: .workaround("feature flag off"),
        .mitigated: .mitigated("rolled back deploy 512"), .resolve: .resolve("fixed config"),
        .cause: .cause("expired cert"), .close: .close, .reopen: .reopen("errors are back"),
        .cancel: .cancel("false alarm"), .update: .update("we are on it"),
        .note: .note("db latency up"), .factor: .factor("no alert on cert expiry"),
        .lesson: .lesson("runbooks need owners"),
        .solution: .solution("restart the payment workers"),
        .mark: .mark(nick: "bob"), .severity: .severity(.sev1, reason: "all regions"),
        .priority: .priority(impact: .high, urgency: .medium), .category: .category("network/dns"),
        .service: .services(["checkout", "payments"]), .lead: .lead(nick: nil),
        .role: .role(name: "comms", nick: "bob"),
        .escalate: .escalate(target: nil, reason: "need dba"),
        .followup: .followup(text: "add alert", owner: "bob"),
        .done: .done(3),
        .remind: .remind(after: .seconds(900), text: "check the replica lag"), .snooze: .snooze(.seconds(1800)),
    ]

    static func apply(
        _ intent: IncidentIntent,
        to incident: Incident,
        by sender: Participant = alice,
        rights: Rights = .commander,
        at time: Timestamp = at(seconds: 60),
        members: [Participant] = []
    ) -> IncidentReducer.Outcome {
        IncidentReducer.apply(
            intent,
            to: incident,
            by: sender,
            rights: rights,
            at: time,
            members: members
        )
    }
}
