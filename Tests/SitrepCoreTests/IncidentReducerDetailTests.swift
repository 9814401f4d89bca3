import SitrepCore
import Testing

@Suite struct IncidentReducerDetailTests {
    typealias F = Fixtures

    @Test func topicShowsSeverityStateLeadAndTitle() {
        var incident = F.incident()
        #expect(
            IncidentReducer.topic(for: incident)
                == "[SEV2 · investigating · lead: none] Checkout returns 500s"
        )
        incident.lead = Participant(identity: .account("oncall"), nick: "oncall-1")
        #expect(
            IncidentReducer.topic(for: incident)
                == "[SEV2 · investigating · lead: oncall-1] Checkout returns 500s"
        )
    }

    @Test func topicChangesAreReported() {
        let incident = F.incident()
        if case .changed(_, _, _, _, let changed) = F.apply(.lead(nick: nil), to: incident) {
            #expect(changed)
        }
        if case .changed(_, _, _, _, let changed) = F.apply(.note("x"), to: incident) {
            #expect(!changed)
        }
        if case .changed(_, _, _, _, let changed) = F.apply(.severity(.sev1, reason: nil), to: incident) {
            #expect(changed)
        }
    }

    @Test func declareBuildsTheIncidentItsChannelAndEntries() {
        let config = IncidentConfiguration(channelPrefix: "#incident-", defaultSeverity: .sev4)
        let declaration = IncidentReducer.declare(
            id: 7,
            severity: nil,
            title: "Slow search",
            by: F.guest,
            at: F.declaredAt,
            configuration: config
        )
        #expect(declaration.incident.channel.name == "#incident-7")
        #expect(declaration.incident.severity == .sev4)
        #expect(declaration.incident.state == .investigating)
        #expect(declaration.entries.map(\.text) == ["declared SEV4: Slow search"])
        #expect(declaration.entries.first?.account == nil)
        #expect(declaration.reply == "guest: incident 7 declared (SEV4); join #incident-7")
        #expect(declaration.announce == "INC-7 [SEV4] Slow search: declared by guest; join #incident-7")
        let defaulted = IncidentReducer.declare(
            id: 8,
            severity: .sev1,
            title: "x",
            by: F.bob,
            at: F.declaredAt
        )
        #expect(defaulted.incident.channel.name == "#inc-8" && defaulted.incident.severity == .sev1)
    }

    @Test func userTextIsSanitisedInRepliesButStoredFaithfully() throws {
        let hostile = "rolled back\r\nPRIVMSG #ops :pwned\u{0}\u{7} 🔥"
        let outcome = F.apply(.mitigated(hostile), to: F.incident())
        let entry = try #require(outcome.entries.first)
        #expect(entry.text == "state: investigating -> mitigated (\(hostile))")
        for line in outcome.replies + [outcome.announce ?? ""] {
            #expect(
                !line.contains("\r") && !line.contains("\n") && !line.contains("\u{0}")
                    && !line.contains("\u{7}")
            )
            #expect(line.contains("rolled back PRIVMSG #ops :pwned 🔥"))
        }
        let update = F.apply(.update("line1\nline2"), to: F.incident())
        #expect(update.incident?.publicStatus == "line1\nline2")
        #expect(update.entries.first?.kind == .update && update.entries.first?.text == "line1\nline2")
        #expect(update.announce == "INC-4 [SEV2] Checkout returns 500s: update from alice: line1 line2")
    }

    @Test func aHostileTitleCannotBreakTheTopic() {
        var incident = F.incident()
        incident.title = "down\r\nQUIT :bye"
        #expect(
            IncidentReducer.topic(for: incident) == "[SEV2 · investigating · lead: none] down QUIT :bye"
        )
    }

    @Test func oneLineCutsLongTextAndDropsControls() {
        #expect(ChatText.oneLine("a\u{2028}b\tc\u{85}d\u{9B}e") == "a b c de")
        #expect(ChatText.oneLine(String(repeating: "x", count: 10), limit: 5) == "xxxx…")
        #expect(ChatText.oneLine("🧑‍🚒🧑‍🚒🧑‍🚒", limit: 2) == "🧑‍🚒…")
    }

    @Test func priorityComesFromTheConfiguredMatrix() throws {
        let outcome = F.apply(.priority(impact: .high, urgency: .medium), to: F.incident())
        #expect(outcome.incident?.priority == .p2)
        #expect(outcome.entries.first?.detail == "priority=none->P2 impact=high urgency=medium")
        let matrix = try PriorityMatrix([[.p5, .p5, .p5], [.p5, .p5, .p5], [.p5, .p5, .p5]])
        let custom = IncidentReducer.apply(
            .priority(impact: .high, urgency: .high),
            to: F.incident(),
            by: F.alice,
            rights: .responder,
            at: F.declaredAt,
            configuration: IncidentConfiguration(priorityMatrix: matrix)
        )
        #expect(custom.incident?.priority == .p5)
    }

    @Test func handingOverCommandFromSomeoneElseNeedsACommander() throws {
        var incident = F.incident()
        incident.lead = F.bob
        let taken = F.apply(.lead(nick: nil), to: incident, rights: .responder)
        #expect(
            taken.replies == [
                "alice: only a commander or the lead (bob) may hand over command; you are a responder"
            ]
        )
        let handed = F.apply(.lead(nick: "carol"), to: incident, by: F.bob, rights: .responder)
        #expect(handed.incident?.lead?.nick == "carol")
        #expect(handed.incident?.lead?.identity == .nick("carol"))
        let carol = Participant(identity: .account("carol-acct"), nick: "Carol")
        let resolved = F.apply(.lead(nick: "carol"), to: incident, rights: .commander, members: [carol])
        #expect(resolved.incident?.lead == carol)
        #expect(resolved.entries.first?.detail == "lead=bob->Carol")
    }

    @Test func aMemberCanBeNamedByMatrixUserID() {
        let dana = Participant(identity: .account("@dana:example.org", network: "matrix"), nick: "Dana D")
        let resolved = F.apply(.lead(nick: "@dana:example.org"), to: F.incident(), rights: .commander, members: [dana])
        #expect(resolved.incident?.lead == dana)
    }

    @Test func rolesMustBeConfigured() {
        let refused = F.apply(.role(name: "hero", nick: nil), to: F.incident(), rights: .responder)
        #expect(refused.replies == ["alice: unknown role hero; roles: commander, comms, scribe, ops"])
        #expect(refused.isRefused)
        let assigned = F.apply(.role(name: "Comms", nick: "bob"), to: F.incident(), rights: .responder)
        #expect(assigned.incident?.roles["comms"]?.nick == "bob")
    }

    @Test func escalationWithoutTargetGoesToTheNextTier() throws {
        let first = F.apply(.escalate(target: nil, reason: "need dba"), to: F.incident())
        let escalated = try #require(first.incident)
        #expect(escalated.escalationLevel == 1)
        #expect(first.entries.first?.detail == "escalate=tier1")
        let named = F.apply(.escalate(target: "dba-team", reason: nil), to: escalated)
        #expect(named.incident?.escalationLevel == 1)
        #expect(named.entries.first?.detail == "escalate=target:dba-team")
        #expect(named.replies == ["incident 4: escalated to dba-team"])
    }

    @Test func sameSeverityChangesNothing() {
        let outcome = F.apply(.severity(.sev2, reason: nil), to: F.incident())
        #expect(
            outcome
                == .changed(
                    F.incident(),
                    entries: [],
                    replies: ["incident 4 is already SEV2"],
                    announce: nil,
                    topicChanged: false
                )
        )
    }

    @Test func followUpsOutliveTheIncident() {
        let outcome = F.apply(
            .followup(text: "add alert", owner: "bob"),
            to: F.incident(.closed),
            rights: .responder
        )
        #expect(outcome.entries.first?.text == "follow-up: add alert (owner: bob)")
        #expect(outcome.entries.first?.detail == "followup owner=bob")
        #expect(F.apply(.done(3), to: F.incident(.cancelled), rights: .responder).incident != nil)
        #expect(F.apply(.note("late"), to: F.incident(.closed), rights: .responder).isRefused)
    }
}
