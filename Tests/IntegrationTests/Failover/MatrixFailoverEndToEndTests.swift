import Foundation
import Matrix
import MatrixClient
import SitrepCore
import SitrepTestSupport
import Testing

/// The active/standby pair on Matrix alone: two `sitrep run` processes on one PostgreSQL database and the local
/// Synapse, one bot account and device. alice runs a SEV1 in its room while bob's page is still pending; `kill -9`
/// of the active instance mid-incident: the standby takes over within 10 s, resumes the sync where the dead instance
/// stored it, answers the next command, and every message is on the timeline once; the pending page reaches bob
/// once, by direct message, from the new instance; no reply is posted twice.
@Suite(.postgresAvailable, .enabled(if: LocalSynapse.shouldRun))
struct MatrixFailoverEndToEndTests {
    @Test(.timeLimit(.minutes(3)))
    func killingTheActiveInstanceHandsTheMatrixIncidentToTheStandbyWithNothingLostOrPostedTwice() async throws {
        let synapse = try LocalSynapse.require()
        let postgres = try LocalPostgres.require()
        let pair = try MatrixFailoverPair(synapse: synapse, postgres: postgres)
        try await pair.withDatabase(on: postgres) {
            // The bot account is shared by every run: with its m.direct emptied, the page opens a new direct room.
            let bot = try await synapse.client(MatrixFailoverPair.botUser, device: "FOSETUP\(pair.tag)")
            try await bot.setDirectRooms(MatrixDirectRooms())
            try await bot.shutdown()
            let alice = try await MatrixWatcher(try await synapse.client("alice", device: "FOALICE\(pair.tag)"))
            let bob = try await MatrixWatcher(try await synapse.client("bob", device: "FOBOB\(pair.tag)"))
            defer {
                Task {
                    try? await alice.client.shutdown()
                    try? await bob.client.shutdown()
                }
            }
            let a = try pair.start("a")
            #expect(await pair.waitUntil("a", is: "active"), "a becomes active\n\(a.logTail())")
            let b = try pair.start("b")
            #expect(await pair.waitUntil("b", is: "standby"), "b is the standby\n\(b.logTail())")

            // alice opens a room with the bot and declares there; the bot makes the incident room and invites her.
            let opsRoom = try await alice.client.createRoom(
                MatrixCreateRoomRequest(name: "ops \(pair.tag)", invite: [pair.botID]))
            var sent = 0
            func say(_ text: String, in room: String) async throws {
                sent += 1
                _ = try await alice.client.send(
                    .text(text), to: room, transactionID: MatrixTransactionID(parts: ["fo", pair.tag, "\(sent)"]))
            }
            _ = try await alice.waitFor(timeout: .seconds(40)) { response -> Bool? in
                response.rooms.join[opsRoom]?.timeline.events.contains { event in
                    guard event.stateKey == pair.botID, case .member(let member) = event.content else { return false }
                    return member.membership == "join"
                } == true ? true : nil
            }
            try await say("!declare sev1 Payments API down", in: opsRoom)
            let alias = pair.prefix + "1:" + synapse.serverName
            let incidentRoom = try await alice.waitFor(timeout: .seconds(30)) { response in
                response.rooms.invite.first { $0.value.canonicalAlias == alias }?.key
            }
            #expect(try await alice.client.join(alias) == incidentRoom)
            let before = ["payments 5xx at 60%", "rolled back the config push", "still failing on eu-west"]
            for line in before { try await say(line, in: incidentRoom) }
            let recorded = await poll(upTo: .seconds(20)) {
                let texts = await pair.timeline("a", incident: 1).compactMap { $0["text"] as? String }
                return before.allSatisfy(texts.contains)
            }
            #expect(recorded != nil, "a recorded the lines\n\(a.logTail())")

            // The machine of the active instance dies; the standby takes over.
            let clock = ContinuousClock()
            let killedAt = clock.now
            a.kill9()
            #expect(await a.exited(), "SIGKILL ends the process")
            #expect(await pair.waitUntil("b", is: "active", upTo: .seconds(20)), "b takes over\n\(b.logTail())")
            let takeover = killedAt.duration(to: clock.now)
            print("matrix failover: b active \(takeover) after kill -9 of a")
            #expect(takeover < .seconds(10), "takeover within 10 s")

            // b answers the next command in the incident room.
            let after = "eu-west recovered after the failover"
            try await say(after, in: incidentRoom)
            try await say("!note failover drill went fine", in: incidentRoom)
            _ = try await alice.message(from: pair.botID, in: incidentRoom, containing: "note recorded")

            // The SEV1's page to bob was pending (25 s after the declaration): it reaches him once, from b.
            var invites: [String: MatrixSyncResponse.InvitedRoom] = [:]
            let directRoom = try await bob.waitFor(timeout: .seconds(60)) { response -> String? in
                invites.merge(response.rooms.invite) { _, new in new }
                return invites.first { $0.key != incidentRoom && $0.value.inviter(of: synapse.userID("bob")) == pair.botID }?
                    .key
            }
            _ = try await bob.client.join(directRoom)
            let page = try await bob.message(from: pair.botID, in: directRoom, containing: "INC-1")
            #expect(page.contains("INC-1"))
            try await Task.sleep(for: .seconds(2))
            let pages = try await bob.messages(from: pair.botID, in: directRoom)
            #expect(pages.count == 1, "one page, not two: \(pages)")

            // Every message once, in order, across the failover; the gap is marked; no reply posted twice.
            var timeline: [[String: Any]] = []
            _ = await poll(upTo: .seconds(15)) {
                timeline = await pair.timeline("b", incident: 1)
                return timeline.contains { ($0["text"] as? String) == "!note failover drill went fine" }
            }
            let alicesLines = timeline.filter {
                ($0["kind"] as? String) == "message" && ($0["account"] as? String) == synapse.userID("alice")
            }.compactMap { $0["text"] as? String }
            #expect(alicesLines == before + [after, "!note failover drill went fine"], "\(alicesLines)")
            let gaps = timeline.filter { ($0["kind"] as? String) == "gap" }.compactMap { $0["text"] as? String }
            #expect(gaps.count == 1 && gaps.first?.contains("a stopped; b took over") == true, "\(gaps)")
            let replies = try await alice.messages(from: pair.botID, in: opsRoom)
            #expect(replies.filter { $0.contains("declared") }.count == 1, "\(replies)")
            let health = await pair.health("b")
            #expect(health.contains("active: b (epoch 2)") && health.contains("takeovers: 1"), "\(health)")
            await b.stop()
        }
    }
}
