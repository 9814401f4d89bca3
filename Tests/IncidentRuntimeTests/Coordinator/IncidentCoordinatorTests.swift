import CoordinatorTestSupport
import SitrepCore
import Testing

@Suite struct IncidentCoordinatorTests {
    typealias H = CoordinatorHarness

    @Test func declaringOpensChannelTopicInvitationAnnouncementAndReply() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            let incident = try #require(try await h.store.incident(id: 1))
            #expect(incident.title == "Checkout returns 500s" && incident.severity == .sev2)
            #expect(incident.declaredBy == H.carol && incident.state == .investigating)
            #expect(h.network.actions.contains(.join(channel: "#inc-1")))
            #expect(h.network.actions.contains(
                .setTopic(channel: "#inc-1", topic: "[SEV2 · investigating · lead: none] Checkout returns 500s")))
            #expect(h.network.actions.contains(.awaitedInvite(nick: "carol", channel: "#inc-1")))
            #expect(h.network.said(to: "#ops").contains { $0.contains("incident 1") && $0.contains("#inc-1") })
            #expect(h.network.said(to: "#incidents").contains { $0.contains("INC-1 [SEV2] Checkout returns 500s") })
        }
    }

    @Test func declaringFromAPrivateMessageRepliesToTheSender() async throws {
        try await H.run { h async throws in
            await h.say("declare Disk full on db-2", by: H.carol, in: nil)
            #expect(try await h.store.incident(id: 1)?.severity == .sev3)
            #expect(h.network.said(to: "carol").contains { $0.contains("#inc-1") })
        }
    }

    @Test(arguments: ["/ack", "//ack", "!ack", "sitrep: ack", "sitrep, ack"])
    func everyCommandFormWorks(form: String) async throws {
        try await H.run { h async throws in
            await h.say("!declare Replica lag", by: H.carol, in: "#ops")
            await h.say(form, by: H.bob, in: "#inc-1", at: 65)
            let incident = try #require(try await h.store.incident(id: 1))
            #expect(incident.acknowledgedBy == H.bob)
            #expect(incident.acknowledgedAt == Timestamp(milliseconds: H.start + 65_000))
        }
    }

    @Test func aWholeIncidentFromDeclarationToClosure() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev1 Payments down", by: H.carol, in: "#ops")
            await h.say("!ack", by: H.bob, in: "#inc-1", at: 10)
            await h.say("looking at the payment gateway logs", by: H.bob, in: "#inc-1", at: 20)
            await h.say("!lead", by: H.alice, in: "#inc-1", at: 30)
            await h.say("!identified expired TLS certificate on the gateway", by: H.bob, in: "#inc-1", at: 40)
            await h.say("!mitigated rotated the certificate", by: H.bob, in: "#inc-1", at: 50)
            await h.say("!resolve payments flowing again", by: H.alice, in: "#inc-1", at: 60)
            await h.say("!close", by: H.alice, in: "#inc-1", at: 70)
            #expect(h.network.said(to: "#inc-1").last?.contains("missing root cause") == true)
            #expect(try await h.store.incident(id: 1)?.state == .resolved)
            await h.say("!cause certificate renewal job silently failing", by: H.bob, in: "#inc-1", at: 80)
            await h.say("!close", by: H.alice, in: "#inc-1", at: 90)
            let incident = try #require(try await h.store.incident(id: 1))
            #expect(incident.state == .closed && incident.lead == H.alice)
            #expect(incident.rootCause == "certificate renewal job silently failing")
            #expect(incident.resolution == "payments flowing again")
            #expect(try await h.store.openIncidents().isEmpty)
            let lifecycle = try await h.timeline(1).filter { $0.kind == .lifecycle }
            #expect(lifecycle.count >= 8)
        }
    }

    @Test func aStakeholderIsRefusedAndTheRefusalIsRecorded() async throws {
        try await H.run { h async throws in
            await h.say("!declare Search slow", by: H.carol, in: "#ops")
            await h.say("!resolve it works for me", by: H.carol, in: "#inc-1", at: 5)
            #expect(try await h.store.incident(id: 1)?.state == .investigating)
            let reply = try #require(h.network.said(to: "#inc-1").last)
            #expect(reply.contains("commander"))
            #expect(try await h.timeline(1).contains { $0.kind == .refusal && $0.author == "carol" })
        }
    }

    @Test func aNickWithoutAccountGetsNoRightsEvenIfListed() async throws {
        try await H.run { h async throws in
            await h.say("!declare Search slow", by: H.carol, in: "#ops")
            await h.say("!ack", by: H.mallory, in: "#inc-1", at: 5)
            #expect(try await h.store.incident(id: 1)?.acknowledgedAt == nil)
        }
    }

    @Test func aChannelOperatorCountsAsResponder() async throws {
        try await H.run { h async throws in
            await h.say("!declare Search slow", by: H.carol, in: "#ops")
            h.network.makeOperator("carol")
            await h.say("!ack", by: H.carol, in: "#inc-1", at: 5)
            #expect(try await h.store.incident(id: 1)?.acknowledgedBy == H.carol)
        }
    }

    /// A channel operator asking for a commander's command is refused as the responder they are.
    @Test func aChannelOperatorRefusedACommandersCommandIsToldTheyAreAResponder() async throws {
        try await H.run { h async throws in
            await h.say("!declare Search slow", by: H.carol, in: "#ops")
            h.network.makeOperator("carol")
            await h.say("!resolve it works for me", by: H.carol, in: "#inc-1", at: 5)
            #expect(try await h.store.incident(id: 1)?.state == .investigating)
            let reply = try #require(h.network.said(to: "#inc-1").last)
            #expect(reply.contains("you are a responder"), "\(reply)")
        }
    }

    @Test func theTranscriptHoldsEveryLineInOrderWithAuthorsAndTheBotsReplies() async throws {
        try await H.run { h async throws in
            await h.say("!declare Queue backlog", by: H.carol, in: "#ops")
            let lines = (1...50).map { "line \($0) 🔥 with\r\nCRLF attempt" }
            for (index, line) in lines.enumerated() {
                await h.say(line, by: index.isMultiple(of: 2) ? H.bob : H.carol, in: "#inc-1", at: Int64(index))
            }
            await h.say("!ack", by: H.bob, in: "#inc-1", at: 60)
            let timeline = try await h.timeline(1)
            let messages = timeline.filter { $0.kind == .message }
            #expect(messages.prefix(50).map(\.text) == lines)
            #expect(messages.first?.author == "bob" && messages.first?.account == "bob")
            #expect(timeline.map(\.sequence) == timeline.indices.map { Int64($0 + 1) })
            #expect(timeline.contains { $0.kind == .bot && $0.author == "sitrep" && $0.text.contains("acknowledged") })
            #expect(h.network.actions.allSatisfy { action in
                if case .say(_, let text) = action { return !text.contains("\r") && !text.contains("\n") }
                return true
            })
        }
    }

    @Test func aLifecycleReplyIsSentOnlyAfterItsCommit() async throws {
        try await H.run { h async throws in
            await h.say("!declare Cache misses", by: H.carol, in: "#ops")
            let store = h.store
            let observed = ObservedStates()
            h.network.onPerform { action in
                if case .say("#inc-1", let text) = action, text.contains("acknowledged") {
                    await observed.add(try? await store.incident(id: 1)?.acknowledgedAt)
                }
            }
            await h.say("!ack", by: H.bob, in: "#inc-1", at: 3)
            #expect(await observed.values == [Timestamp(milliseconds: H.start + 3_000)])
        }
    }

    @Test func unknownCommandsGetTheClosestNameAndBadUsageGetsTheUsageLine() async throws {
        try await H.run { h async throws in
            await h.say("!declare Cache misses", by: H.carol, in: "#ops")
            await h.say("!esclate", by: H.alice, in: "#inc-1")
            #expect(h.network.said(to: "#inc-1").last?.contains("did you mean escalate") == true)
            await h.say("!sev 9", by: H.alice, in: "#inc-1")
            #expect(h.network.said(to: "#inc-1").last?.contains("!sev <1-4>") == true)
        }
    }

    @Test func incidentCommandsOutsideAnIncidentChannelSayWhereToGo() async throws {
        try await H.run { h async throws in
            await h.say("!declare Cache misses", by: H.carol, in: "#ops")
            await h.say("!ack", by: H.bob, in: "#ops")
            #expect(h.network.said(to: "#ops").last?.contains("#inc-1") == true)
        }
    }

    @Test func followUpsMarksNotesAndQueries() async throws {
        try await H.run { h async throws in
            await h.say("!declare DNS flaps", by: H.carol, in: "#ops")
            await h.say("resolver 2 is timing out", by: H.carol, in: "#inc-1", at: 1)
            await h.say("!mark carol", by: H.bob, in: "#inc-1", at: 2)
            await h.say("!note failover to resolver 3", by: H.bob, in: "#inc-1", at: 3)
            await h.say("!followup add resolver health checks @bob", by: H.bob, in: "#inc-1", at: 4)
            #expect(h.network.said(to: "#inc-1").last?.contains("follow-up 1 recorded") == true)
            await h.say("!followups", by: H.carol, in: "#ops")
            #expect(h.network.said(to: "#ops").contains { $0.contains("#1 INC-1: add resolver health checks") })
            await h.say("!done 1", by: H.bob, in: "#inc-1", at: 5)
            #expect(try await h.store.followUps(incidentID: nil, openOnly: true).isEmpty)
            await h.say("!done 7", by: H.bob, in: "#inc-1", at: 6)
            #expect(h.network.said(to: "#inc-1").last?.contains("no follow-up 7") == true)
            let keyEvents = try await h.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: true)
            #expect(keyEvents.contains { $0.kind == .message && $0.text == "resolver 2 is timing out" })
            h.network.clear()
            await h.say("!timeline 3", by: H.carol, in: "#inc-1", at: 7)
            #expect(h.network.said(to: "#inc-1").count == 3)
            await h.say("!status", by: H.carol, in: "#inc-1", at: 8)
            #expect(h.network.said(to: "#inc-1").contains { $0.contains("INC-1 [SEV3] DNS flaps") })
            await h.say("!incidents", by: H.carol, in: "#ops", at: 9)
            #expect(h.network.said(to: "#ops").contains { $0.contains("1 open incident") })
            await h.say("!whoami", by: H.mallory, in: "#ops", at: 10)
            #expect(h.network.said(to: "#ops").last?.contains("not logged in") == true)
        }
    }

    @Test func escalatingToANickPagesThemDirectly() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            await h.say("!escalate dave database looks wedged", by: H.alice, in: "#inc-1", at: 5)
            #expect(h.network.actions.contains { action in
                if case .message("dave", let text) = action { return text.contains("paged") && text.contains("#inc-1") }
                return false
            })
        }
    }
}

/// Values observed from inside a network callback.
actor ObservedStates {
    var values: [Timestamp?] = []
    func add(_ value: Timestamp?) { values.append(value) }
}
