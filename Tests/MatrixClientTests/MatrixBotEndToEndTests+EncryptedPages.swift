import Foundation
import Matrix
import MatrixClient
import SitrepApp
import SitrepCore
import Testing

/// A page to someone whose client encrypts (a device with published keys, as Element has) goes in an end-to-end
/// encrypted direct-message room, its room key shared with their device while they are only invited: they join
/// and read it. Someone without such a device keeps a plain room they can read. Part of the serialized
/// end-to-end suite.
extension MatrixBotEndToEndTests {
    @Test(.timeLimit(.minutes(3))) func aPageToSomeoneWhoseClientEncryptsGoesInAnEncryptedDirectRoom() async throws {
        try await Self.withAlice { setup, alice in
            try await setup.forgetDirectRooms()
            let bob = try await EncryptingPerson(setup.synapse, user: "bob")
            defer { Task { try? await bob.client.shutdown() } }
            let bobID = setup.synapse.userID("bob")
            var config = setup.config
            config.matrix?.encryptionKey = Secret("\(UUID().uuidString)\(UUID().uuidString)")
            let parts = try SitrepApplication.makeParts(config: config, logger: Self.logger)
            try await Self.running(parts) {
                let incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)
                try await alice.say("!escalate \(bobID) the checkout pods are crash-looping", in: incidentRoom)
                let directRoom = try await setup.directRoom(with: bobID)
                _ = try await bob.client.join(directRoom)
                let state = try await bob.client.roomState(directRoom)
                #expect(
                    state.contains { if case .encryption = $0.content { true } else { false } },
                    "the direct-message room is encrypted from its creation")
                // Fails if the bot posted the page in the clear.
                let page = try await bob.decryptedMessage(from: setup.botID, in: directRoom, containing: "INC-1")
                #expect(page.contains("crash-looping"), "\(page)")
            }
        }
    }
}
