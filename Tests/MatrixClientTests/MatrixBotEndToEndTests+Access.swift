import Foundation
import Matrix
import MatrixClient
import SitrepApp
import SitrepCore
import Testing

/// Who can enter an incident room: the members of the room the incident was declared from, without waiting for an
/// invitation. Part of the serialized end-to-end suite: its bot is the same account.
extension MatrixBotEndToEndTests {
    /// Bob, a responder in the ops room where alice declares, is not invited to the incident room: he joins it by
    /// its alias all the same (the room's join rule is `restricted` to the ops room's members), and his `!ack`
    /// there is done. Dave, in no room with the bot, is refused.
    @Test(.timeLimit(.minutes(2))) func aMemberOfTheDeclaringRoomJoinsTheIncidentRoomWithoutAnInvitation()
        async throws
    {
        try await Self.withAliceAndBob { setup, alice, bob in
            let dave = try await Person(setup.synapse, user: "dave")
            defer { Task { try? await dave.client.shutdown() } }
            let bobID = setup.synapse.userID("bob")
            let parts = try setup.makeParts()
            try await Self.running(parts) {
                let opsRoom = try await alice.client.createRoom(
                    MatrixCreateRoomRequest(name: "ops", invite: [setup.botID, bobID]))
                _ = try await bob.waitFor { $0.rooms.invite[opsRoom] != nil ? true : nil }
                #expect(try await bob.client.join(opsRoom) == opsRoom)
                let incidentRoom = try await Self.declare(
                    as: alice, botID: setup.botID, alias: setup.alias, in: opsRoom)

                #expect(try await bob.client.join(setup.alias) == incidentRoom)
                try await bob.say("!ack", in: incidentRoom)
                let ack = try await bob.notice(from: setup.botID, in: incidentRoom, containing: "acknowledged")
                #expect(ack.contains("incident 1 acknowledged by"))

                await #expect(throws: MatrixClientError.self) { try await dave.client.join(setup.alias) }
            }
        }
    }
}
