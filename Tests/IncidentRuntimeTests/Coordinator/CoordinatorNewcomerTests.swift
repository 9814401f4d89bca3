import CoordinatorTestSupport
import SitrepCore
import Testing

/// What a newcomer meets first: queries about an incident from anywhere, hints in the network's command form,
/// and the channel of a closed incident still recorded while the bot is in it.
@Suite struct CoordinatorNewcomerTests {
    typealias H = CoordinatorHarness

    @Test func aQueryNamingTheIncidentIsAnsweredInTheAnnounceChannel() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            await h.say("!ack", by: H.bob, in: "#inc-1", at: 5)
            h.network.clear()
            await h.say("!status 1", by: H.carol, in: "#ops", at: 10)
            #expect(h.network.said(to: "#ops").first?.hasPrefix("INC-1 [SEV2] Checkout returns 500s — investigating") == true)
            h.network.clear()
            await h.say("!timeline INC-1 3", by: H.carol, in: "#incidents", at: 11)
            #expect(h.network.said(to: "#incidents").contains { $0.contains("bob") && $0.contains("ack") })
            h.network.clear()
            await h.say("!roles #1", by: H.carol, in: "#ops", at: 12)
            #expect(h.network.said(to: "#ops").count == 1)
            h.network.clear()
            await h.say("!status", by: H.carol, in: "#ops", at: 13)
            #expect(h.network.said(to: "#ops") == ["name the incident (!status 1) or ask in its channel (open: #inc-1)"])
            h.network.clear()
            await h.say("!status 9", by: H.carol, in: "#ops", at: 14)
            #expect(h.network.said(to: "#ops") == ["no incident 9; !incidents lists the open ones"])
            // Nothing said in #ops lands on the incident's timeline.
            #expect(try await h.timeline(1).allSatisfy { $0.time <= H.at(5) })
        }
    }

    /// Issue 20: the declarer's reply and invitation leave in one batch, which the IRC edge sends in the awaited
    /// lane (ahead of other incidents' pages: `OutboundQueueTests.theDeclarersInvitationGoesAheadOfOtherIncidentsPages`).
    @Test func theDeclarersReplyAndInvitationGoOutTogether() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            let actions = h.network.actions
            let invite = try #require(actions.firstIndex(of: .awaitedInvite(nick: "carol", channel: "#inc-1")))
            guard case .say("#ops", let reply) = actions[invite - 1] else {
                Issue.record("the reply does not precede the invitation: \(actions)")
                return
            }
            #expect(reply.contains("incident 1 declared"))
            #expect(!actions.contains(.invite(nick: "carol", channel: "#inc-1")))
        }
    }

    @Test func theTimelineMarksUpdatesAndNotesAndNamesTheActorOnce() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev3 DNS flaps", by: H.carol, in: "#ops")
            await h.say("!ack", by: H.bob, in: "#inc-1", at: 1)
            await h.say("!update resolver 2 replaced, watching", by: H.bob, in: "#inc-1", at: 2)
            await h.say("!note resolver 2 was timing out", by: H.bob, in: "#inc-1", at: 3)
            h.network.clear()
            await h.say("!timeline", by: H.carol, in: "#inc-1", at: 4)
            let lines = h.network.said(to: "#inc-1")
            #expect(lines.contains { $0.hasSuffix("bob acknowledged") && !$0.contains("bob: bob") })
            #expect(lines.contains { $0.hasSuffix("[update] bob: resolver 2 replaced, watching") })
            #expect(lines.contains { $0.hasSuffix("[note] bob: resolver 2 was timing out") })
        }
    }

    @Test func aConfiguredPrefixIsAnsweredAndUsedInEveryHint() async throws {
        try await H.run(commandPrefix: ".") { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            #expect(try await h.store.incident(id: 1) == nil)
            await h.say(".declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            #expect(try await h.store.incident(id: 1) != nil)
            await h.say(".sev five", by: H.alice, in: "#inc-1", at: 5)
            #expect(h.network.said(to: "#inc-1").last?.hasSuffix("usage: .sev <1-4> [reason]") == true)
            await h.say(".resolve fixed", by: H.alice, in: "#inc-1", at: 6)
            #expect(h.network.said(to: "#inc-1").last?.contains("record the root cause with .cause, then .close") == true)
            await h.say("sitrep: help", by: H.carol, in: "#ops", at: 7)
            #expect(h.network.said(to: "#ops").last?.contains("Type .cmd or sitrep: cmd") == true)
        }
    }

    @Test func afterCloseTheChannelIsRecordedUntilTheBotLeaves() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev3 Search slow", by: H.carol, in: "#ops")
            await h.say("!resolve reindexed", by: H.alice, in: "#inc-1", at: 10)
            await h.say("!cause index corruption after upgrade", by: H.alice, in: "#inc-1", at: 20)
            await h.say("!close", by: H.alice, in: "#inc-1", at: 30)
            #expect(try await h.store.incident(id: 1)?.state == .closed)
            let botLinesAtClose = try await h.timeline(1).filter { $0.kind == .bot }.count
            await h.say("thanks all", by: H.bob, in: "#inc-1", at: 40)
            await h.say("!postmortem", by: H.alice, in: "#inc-1", at: 50)
            let timeline = try await h.timeline(1)
            #expect(timeline.contains { $0.kind == .message && $0.text == "thanks all" })
            #expect(timeline.contains { $0.kind == .message && $0.text == "!postmortem" })
            #expect(
                timeline.filter { $0.kind == .bot }.count > botLinesAtClose, "the postmortem reply is on the timeline too")
            // The bot leaves: nothing more is recorded.
            await h.coordinator.handle(
                ChatEvent(
                    kind: .part(reason: nil), channel: ChatChannel(name: "#inc-1"),
                    sender: Participant(identity: .nick("sitrep"), nick: "sitrep"), time: H.at(60), isOwn: true))
            await h.say("anyone still here?", by: H.bob, in: "#inc-1", at: 70)
            #expect(try await h.timeline(1).count == timeline.count)
        }
    }
}

/// Issue 18: an incident is never stuck behind a channel or room nobody can use: `!ack N` and `!cancel #N …` work
/// from the announce channel, with the same rights as in the incident's own channel.
@Suite struct CoordinatorFromAnnounceTests {
    typealias H = CoordinatorHarness

    @Test func aResponderAcknowledgesAndACommanderCancelsFromTheAnnounceChannel() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            h.network.clear()
            await h.say("!ack 1", by: H.mallory, in: "#incidents", at: 3)
            #expect(try await h.store.incident(id: 1)?.acknowledgedAt == nil, "a nick-only stranger may not")
            await h.say("!ack 1", by: H.bob, in: "#incidents", at: 4)
            #expect(try await h.store.incident(id: 1)?.acknowledgedBy?.identity == H.bob.identity)
            #expect(h.network.said(to: "#incidents").contains { $0.contains("acknowledged") })
            await h.say("!cancel #1 false alarm, synthetic check", by: H.bob, in: "#incidents", at: 5)
            #expect(try await h.store.incident(id: 1)?.state == .investigating, "cancelling needs a commander")
            await h.say("!cancel INC-1 false alarm, synthetic check", by: H.alice, in: "#incidents", at: 6)
            #expect(try await h.store.incident(id: 1)?.state == .cancelled)
            await h.say("!ack 9", by: H.bob, in: "#incidents", at: 7)
            #expect(h.network.said(to: "#incidents").last == "no incident 9; !incidents lists the open ones")
        }
    }
}

extension CoordinatorFromAnnounceTests {
    /// A room sitrep cannot read any more (turned encrypted) is said in the announce channel at once, with the
    /// commands that work from there; a room that is no incident's says nothing.
    @Test func anUnreadableIncidentRoomIsSaidInTheAnnounceChannel() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            h.network.clear()
            await h.coordinator.channelUnreadable("#ops")
            #expect(h.network.said(to: "#incidents").isEmpty)
            await h.coordinator.channelUnreadable("#inc-1")
            let said = h.network.said(to: "#incidents")
            #expect(said.count == 1)
            #expect(said.first?.hasPrefix("INC-1's room #inc-1 is end-to-end encrypted and sitrep cannot read it") == true)
            #expect(said.first?.hasSuffix("From here: !status 1, !ack 1, !cancel #1 <reason>") == true, "\(said)")
        }
    }
}

extension CoordinatorFromAnnounceTests {
    /// Issue 18: `!invite <person>` lets a responder bring someone into the incident's channel or room.
    @Test func aResponderInvitesSomeoneIntoTheIncidentChannel() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            h.network.clear()
            await h.say("!invite dave", by: H.mallory, in: "#inc-1", at: 2)
            #expect(!h.network.actions.contains(.invite(nick: "dave", channel: "#inc-1")), "a stranger may not")
            #expect(h.network.said(to: "#inc-1").last == "only a responder of INC-1 may invite people into it")
            await h.say("!invite dave", by: H.bob, in: "#inc-1", at: 3)
            #expect(h.network.actions.contains(.invite(nick: "dave", channel: "#inc-1")))
            #expect(h.network.said(to: "#inc-1").last == "invited dave into #inc-1")
            await h.say("!invite dave", by: H.bob, in: "#ops", at: 4)
            #expect(h.network.said(to: "#ops").last == "!invite works in an open incident's channel")
        }
    }
}
