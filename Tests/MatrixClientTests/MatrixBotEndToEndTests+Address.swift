import Foundation
import Matrix
import MatrixClient
import SitrepApp
import SitrepCore
import Testing

/// Addressing the bot by name in a Matrix room: by its full user id (what a client writes for a mention without
/// a pill), and by its localpart. Part of the serialized end-to-end suite.
extension MatrixBotEndToEndTests {
    @Test(.timeLimit(.minutes(2))) func theBotAnswersWhenAddressedByItsUserIDOrItsName() async throws {
        try await Self.withAlice { setup, alice in
            let parts = try setup.makeParts()
            try await Self.running(parts) {
                let incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)
                try await alice.say("\(setup.botID): note addressed by user id", in: incidentRoom)
                _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "note recorded")
                try await alice.say("\(Self.botUser), note addressed by name", in: incidentRoom)
                _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "note recorded")
                let notes = try await parts.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
                    .filter { $0.kind == .note }.map(\.text)
                #expect(notes == ["addressed by user id", "addressed by name"])
            }
        }
    }
}
