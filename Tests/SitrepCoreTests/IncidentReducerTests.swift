import SitrepCore
import Testing

@Suite struct IncidentReducerTests {
    typealias F = Fixtures

    @Test(arguments: ExpectedLifecycle.pairs)
    func everyIntentInEveryStateFollowsTheMachine(
        state: IncidentState,
        action: LifecycleAction
    )
        throws
    {
        var incident = F.incident(state)
        incident.rootCause = "expired cert"
        incident.resolution = "renewed"
        let intent = try #require(F.intents[action])
        let outcome = F.apply(intent, to: incident)
        if let next = ExpectedLifecycle.transitions[state]?[action] {
            #expect(outcome.incident?.state == next)
            #expect(outcome.entries.first?.detail?.encoded.hasPrefix("state=\(state)->\(next)") == true)
        } else if ExpectedLifecycle.records[state]?.contains(action) == true {
            #expect(outcome.incident?.state == state)
        } else {
            #expect(outcome.isRefused)
            let reply = try #require(outcome.replies.first)
            #expect(
                reply.contains("incident 4 is \(state); commands that work now: \(Self.asCommands(state))")
            )
            #expect(outcome.entries.map(\.kind) == [.refusal])
        }
    }

    @Test func anInvalidTransitionSaysTheStateAndWhatIsAllowed() {
        let outcome = F.apply(.resolve("again"), to: F.incident(.closed))
        #expect(outcome.replies == ["alice: cannot resolve: incident 4 is closed; commands that work now: !reopen"])
    }

    /// `!identified, !mitigated, …`: the allowed actions of `state` as the refusal writes them.
    static func asCommands(_ state: IncidentState) -> String {
        ExpectedLifecycle.allowedNames[state]!.split(separator: ", ").map { "!\($0)" }.joined(separator: ", ")
    }

    @Test func queriesAndDeclarePassThroughUnchanged() {
        for intent in [IncidentIntent.status, .whoami, .declare(severity: nil, title: "x")] {
            let outcome = F.apply(intent, to: F.incident(), rights: .stakeholder)
            #expect(
                outcome
                    == .changed(F.incident(), entries: [], replies: [], announce: nil, topicChanged: false)
            )
        }
    }

    @Test func theFirstAckSetsTheTimeLaterAcksAreOnlyRecorded() throws {
        let first = F.apply(.ack, to: F.incident(), at: F.at(seconds: 125))
        let acked = try #require(first.incident)
        #expect(acked.acknowledgedAt == F.at(seconds: 125))
        #expect(acked.acknowledgedBy == F.alice)
        #expect(first.replies == ["incident 4 acknowledged by alice after 2m 5s"])
        let entry = try #require(first.entries.first)
        #expect(entry.text == "alice acknowledged")
        #expect(
            entry.kind == .lifecycle && entry.author == "alice" && entry.account == "alice"
                && entry.isKeyEvent
        )

        let second = F.apply(.ack, to: acked, by: F.bob, at: F.at(seconds: 300))
        #expect(second.incident?.acknowledgedAt == F.at(seconds: 125))
        #expect(second.incident?.acknowledgedBy == F.alice)
        #expect(second.entries.first?.detail == "ack=repeat")
    }

    @Test func mitigatedAtIsSetTheFirstTimeOnly() throws {
        let first = F.apply(
            .mitigated("rolled back deploy 512"),
            to: F.incident(),
            at: F.at(seconds: 10)
        )
        var incident = try #require(first.incident)
        let entry = try #require(first.entries.first)
        #expect(entry.text == "state: investigating -> mitigated (rolled back deploy 512)")
        #expect(entry.detail == "state=investigating->mitigated")
        #expect(
            first.announce?.hasPrefix("INC-4 [SEV2] Checkout returns 500s: mitigated by alice") == true
        )
        incident = try #require(F.apply(.investigating, to: incident, at: F.at(seconds: 20)).incident)
        incident = try #require(
            F.apply(.workaround("flag off"), to: incident, at: F.at(seconds: 30)).incident
        )
        #expect(incident.mitigatedAt == F.at(seconds: 10))
        #expect(incident.state == .mitigated)
    }

    @Test func closeIsRefusedNamingWhatIsMissingAndTheRefusalIsRecorded() throws {
        let resolved = try #require(F.apply(.resolve("renewed the cert"), to: F.incident()).incident)
        #expect(resolved.resolution == "renewed the cert")
        #expect(resolved.resolvedAt == F.at(seconds: 60))
        let refused = F.apply(.close, to: resolved, at: F.at(seconds: 90))
        guard case .refused(let reply, let entry) = refused else {
            Issue.record("expected a refusal")
            return
        }
        #expect(reply == "alice: cannot close incident 4: missing root cause (!cause <text>)")
        #expect(entry.kind == .refusal && entry.author == "alice" && entry.time == F.at(seconds: 90))
        #expect(entry.detail == "refused=close")

        let caused = try #require(F.apply(.cause("expired cert"), to: resolved).incident)
        let closed = try #require(F.apply(.close, to: caused, at: F.at(seconds: 3_700)).incident)
        #expect(closed.state == .closed && closed.closedAt == F.at(seconds: 3_700))
    }

    @Test func closeWithNothingRecordedNamesBoth() {
        let outcome = F.apply(.close, to: F.incident(.resolved))
        #expect(
            outcome.replies == [
                "alice: cannot close incident 4: missing root cause (!cause <text>) and resolution (!resolve <text>)"
            ]
        )
    }

    @Test func reopenClearsResolutionAndEndTimesButKeepsTheRest() throws {
        var incident = F.incident(.closed)
        incident.resolvedAt = F.at(seconds: 10)
        incident.closedAt = F.at(seconds: 20)
        incident.resolution = "renewed"
        incident.rootCause = "expired cert"
        incident.mitigatedAt = F.at(seconds: 5)
        let outcome = F.apply(.reopen("errors are back"), to: incident)
        let reopened = try #require(outcome.incident)
        #expect(reopened.state == .investigating)
        #expect(reopened.resolvedAt == nil && reopened.closedAt == nil && reopened.resolution == nil)
        #expect(reopened.rootCause == "expired cert" && reopened.mitigatedAt == F.at(seconds: 5))
        #expect(outcome.entries.first?.detail == "state=closed->investigating reopen")
        #expect(outcome.announce != nil)
    }

    @Test func permissionRefusalsAreRecordedAndNameTheLead() throws {
        var incident = F.incident()
        incident.lead = F.bob
        let outcome = F.apply(.resolve("x"), to: incident, rights: .responder)
        guard case .refused(let reply, let entry) = outcome else {
            Issue.record("expected a refusal")
            return
        }
        #expect(reply == "alice: only a commander or the lead (bob) may resolve; you are a responder")
        #expect(entry.kind == .refusal && !entry.isKeyEvent)
        #expect(F.apply(.ack, to: incident, by: F.guest, rights: .stakeholder).isRefused)
    }
}
