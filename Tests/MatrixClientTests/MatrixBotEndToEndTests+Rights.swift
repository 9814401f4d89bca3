import Foundation
import Matrix
import MatrixClient
import SitrepApp
import SitrepCore
import Testing

/// `incidents.grant_chat_rights` against the real Synapse: the lead and role holders of an incident are raised to
/// power level 50 in its room, and nobody is lowered. Part of the serialized end-to-end suite: its bot is the
/// same account.
extension MatrixBotEndToEndTests {
    /// The incident room with alice (the declarer) and bob in it, the switch on; bob's `!status` is answered, so
    /// the bot knows him as a member by name. Returns the room id.
    static func roomWithBob(_ setup: Setup, alice: Person, bob: Person) async throws -> String {
        let incidentRoom = try await declare(as: alice, botID: setup.botID, alias: setup.alias)
        try await bringIn(bob, userID: setup.synapse.userID("bob"), to: incidentRoom, by: alice)
        try await bob.say("!status", in: incidentRoom)
        _ = try await bob.notice(from: setup.botID, in: incidentRoom, containing: "lead: none")
        return incidentRoom
    }

    /// The power level `userID` has in `roomID` now, read from the room's state by `reader`.
    static func powerLevel(of userID: String, in roomID: String, readBy reader: MatrixClient) async throws -> Int64 {
        MatrixPowerLevelRaise.currentLevel(
            of: userID, in: try await reader.stateContent("m.room.power_levels", in: roomID))
    }

    /// Alice (a commander) and bob (a responder) logged in, and the app running with the switch on, for `body`.
    static func withRightsOn(
        _ body: (Setup, _ alice: Person, _ bob: Person, SitrepApplication.Parts) async throws -> Void
    ) async throws {
        try await withAliceAndBob { setup, alice, bob in
            var config = setup.config
            config.incidents.grantChatRights = true
            let parts = try SitrepApplication.makeParts(config: config, logger: Self.logger)
            try await Self.running(parts) { try await body(setup, alice, bob, parts) }
        }
    }

    /// Alice names bob lead: bob, at power level 0, is raised to 50 in the incident room, and the rest of the
    /// room's power levels (the bot's own, the event levels) stay as they were.
    @Test(.timeLimit(.minutes(2))) func aNewLeadIsRaisedToPowerLevelFiftyInTheIncidentRoom() async throws {
        try await Self.withRightsOn { setup, alice, bob, parts in
            let bobID = setup.synapse.userID("bob")
            let incidentRoom = try await Self.roomWithBob(setup, alice: alice, bob: bob)
            let before = try await alice.client.stateContent("m.room.power_levels", in: incidentRoom)
            #expect(MatrixPowerLevelRaise.currentLevel(of: bobID, in: before) < 50)

            try await alice.say("!lead bob", in: incidentRoom)
            let reply = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "now leads")
            #expect(reply.contains("bob now leads incident 1"))
            let raised = try await alice.waitFor { response -> MatrixPowerLevels? in
                response.rooms.join[incidentRoom]?.timeline.events.lazy.compactMap { event -> MatrixPowerLevels? in
                    guard case .powerLevels(let levels) = event.content, levels.level(of: bobID) >= 50 else {
                        return nil
                    }
                    return levels
                }.first
            }
            #expect(raised.level(of: bobID) == 50)
            let after = try await alice.client.stateContent("m.room.power_levels", in: incidentRoom)
            var expected = before
            var users: [String: MatrixJSONValue] = [:]
            if case .object(let existing)? = before["users"] { users = existing }
            users[bobID] = .integer(50)
            expected["users"] = .object(users)
            #expect(after == expected, "only bob's entry changed")
            try await parts.writer.drain()
            #expect(try await parts.store.incident(id: 1)?.lead?.identity == .account(bobID, network: "matrix"))
        }
    }

    /// Bob already has power level 75 in the room: `!role comms bob` records the role and leaves him at 75.
    @Test(.timeLimit(.minutes(2))) func aRoleHolderAboveFiftyIsNotLowered() async throws {
        try await Self.withRightsOn { setup, alice, bob, parts in
            let bobID = setup.synapse.userID("bob")
            // The bot created the incident room, so only its account may change power levels there: a second
            // session of it plays the room's admin.
            let admin = try MatrixClientIntegrationTests.client(setup.synapse, user: Self.botUser)
            try await admin.start()
            defer { Task { try? await admin.shutdown() } }
            let incidentRoom = try await Self.roomWithBob(setup, alice: alice, bob: bob)
            try await Self.setPowerLevel(75, of: bobID, in: incidentRoom, as: admin)
            #expect(try await Self.powerLevel(of: bobID, in: incidentRoom, readBy: alice.client) == 75)

            try await alice.say("!role comms bob", in: incidentRoom)
            _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "is comms")
            // The grant runs on the room's lane after that reply and before the next one: once `!status` is
            // answered, it is done.
            try await alice.say("!status", in: incidentRoom)
            _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "lead: none")
            #expect(try await Self.powerLevel(of: bobID, in: incidentRoom, readBy: alice.client) == 75)
            try await parts.writer.drain()
            let comms = try await parts.store.incident(id: 1)?.roles["comms"]
            #expect(comms?.identity == .account(bobID, network: "matrix"))
        }
    }

    /// Bob made the incident room's alias himself before the incident (a public room anyone may invite to), so the
    /// bot joins it as a plain member and may not change power levels: alice's `!lead` is done, she stays at her
    /// level, and the bot says in one line that it could not raise her.
    @Test(.timeLimit(.minutes(2))) func withoutTheRightsTheBotSaysSoInOneLineAndTheLeadStillChanges() async throws {
        try await Self.withRightsOn { setup, alice, bob, parts in
            let aliceID = setup.synapse.userID("alice")
            let taken = try await bob.client.createRoom(
                MatrixCreateRoomRequest(
                    name: "taken", aliasLocalpart: String(setup.prefix.dropFirst()) + "1", preset: "public_chat"))
            // Anyone may invite there, so the bot can still bring the declarer in.
            var levels = try await bob.client.stateContent("m.room.power_levels", in: taken)
            levels["invite"] = .integer(0)
            try await bob.client.setState("m.room.power_levels", to: levels, in: taken)
            let incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)
            #expect(incidentRoom == taken)

            try await alice.say("!lead", in: incidentRoom)
            _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "now leads")
            let note = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "could not raise")
            #expect(!note.contains("\n") && note.contains("alice") && note.contains("may not change power levels"))
            #expect(try await Self.powerLevel(of: aliceID, in: incidentRoom, readBy: alice.client) == 0)
            try await parts.writer.drain()
            #expect(try await parts.store.incident(id: 1)?.lead?.identity == .account(aliceID, network: "matrix"))
        }
    }
}
