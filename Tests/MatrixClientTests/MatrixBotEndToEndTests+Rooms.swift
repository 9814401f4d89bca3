import Foundation
import Matrix
import MatrixClient
import SitrepApp
import SitrepCore
import SitrepTestSupport
import Testing

/// Rights and history in an incident room: who may run commands (config, then room power levels), and how edits
/// and redactions land on the timeline. Part of the serialized end-to-end suite: its bot is the same account.
extension MatrixBotEndToEndTests {
    /// Invites `person` (by alice, who is in the room) into `roomID` and has them join.
    static func bringIn(_ person: Person, userID: String, to roomID: String, by alice: Person) async throws {
        try await alice.client.invite(userID, to: roomID)
        _ = try await person.waitFor { $0.rooms.invite[roomID] != nil ? true : nil }
        #expect(try await person.client.join(roomID) == roomID)
    }

    /// Sets `userID`'s power level in `roomID` to `level`, keeping everyone else's, as `admin` (a member allowed to).
    static func setPowerLevel(_ level: Int, of userID: String, in roomID: String, as admin: MatrixClient) async throws {
        let current = try await admin.roomState(roomID).lazy.compactMap { event -> MatrixPowerLevels? in
            guard case .powerLevels(let levels) = event.content else { return nil }
            return levels
        }.first
        var levels = try #require(current, "the room has power levels")
        levels.users[userID] = level
        try await admin.setState("m.room.power_levels", to: levels, in: roomID)
    }

    /// Bob, here neither commander nor responder in the config, with power level 0: his `!resolve` gets a
    /// one-line refusal and changes nothing. Raised to power level 50 in the room, he counts as a responder (as a
    /// channel operator does on IRC): his `!ack` is done, while `!resolve`, a commander's command, stays refused.
    @Test(.timeLimit(.minutes(2))) func aNonResponderIsRefusedUntilTheRoomGivesHimPowerLevelFifty() async throws {
        let setup = Setup(synapse: try LocalSynapse.require())
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let alice = try await Person(setup.synapse, user: "alice")
        let bob = try await Person(setup.synapse, user: "bob")
        // The bot created the incident room, so only its account may change power levels there: a second session
        // of it plays the room's admin.
        let admin = try MatrixClientIntegrationTests.client(setup.synapse, user: Self.botUser)
        try await admin.start()
        defer {
            Task {
                try? await alice.client.shutdown()
                try? await bob.client.shutdown()
                try? await admin.shutdown()
            }
        }
        let bobID = setup.synapse.userID("bob")
        var config = setup.config
        config.people.responders = []
        let parts = try SitrepApplication.makeParts(config: config, logger: Self.logger)
        try await Self.running(parts) {
            let incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)
            try await Self.bringIn(bob, userID: bobID, to: incidentRoom, by: alice)
            let before = try #require(try await parts.store.incident(id: 1))

            try await bob.say("!resolve it was DNS", in: incidentRoom)
            let refusal = try await bob.notice(from: setup.botID, in: incidentRoom, containing: "may resolve")
            #expect(!refusal.contains("\n"))
            #expect(refusal.contains("only a commander") && refusal.contains("you are a stakeholder"))
            try await parts.writer.drain()
            let unchanged = try #require(try await parts.store.incident(id: 1))
            #expect(unchanged.state == before.state)
            #expect(unchanged.resolution == nil && unchanged.resolvedAt == nil)

            try await Self.setPowerLevel(50, of: bobID, in: incidentRoom, as: admin)
            try await bob.say("!ack", in: incidentRoom)
            let ack = try await bob.notice(from: setup.botID, in: incidentRoom, containing: "acknowledged")
            #expect(ack.contains("incident 1 acknowledged by"))
            try await bob.say("!resolve it was DNS", in: incidentRoom)
            let stillRefused = try await bob.notice(from: setup.botID, in: incidentRoom, containing: "may resolve")
            #expect(stillRefused.contains("you are a responder"))
            try await parts.writer.drain()

            let after = try #require(try await parts.store.incident(id: 1))
            #expect(after.acknowledgedAt != nil)
            #expect(after.resolution == nil)
            let timeline = try await parts.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            let refusals = timeline.filter { $0.kind == .refusal }
            #expect(refusals.count == 2)
            #expect(refusals.allSatisfy { $0.account == bobID && $0.detail == "refused=resolve" })
        }
    }

    /// Alice edits a line and redacts another: the edit is a new entry naming the edited one, the redaction a new
    /// entry naming the redacted one; both originals stay on the timeline, word for word.
    @Test(.timeLimit(.minutes(2))) func anEditAndARedactionAreRecordedBesideTheOriginals() async throws {
        try await Self.withAlice { setup, alice in
            let parts = try setup.makeParts()
            try await Self.running(parts) {
                let incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)
                let original = try await alice.client.send(
                    .text("disk is full on db-1"), to: incidentRoom,
                    transactionID: MatrixTransactionID(parts: [alice.tag, "original"]))
                let secret = try await alice.client.send(
                    .text("the password is hunter2"), to: incidentRoom,
                    transactionID: MatrixTransactionID(parts: [alice.tag, "secret"]))
                let edit = MatrixMessageContent(
                    msgtype: "m.text", body: " * disk is full on db-2",
                    newContent: .init(msgtype: "m.text", body: "disk is full on db-2"),
                    relatesTo: .init(relType: "m.replace", eventID: original))
                _ = try await alice.client.send(
                    content: edit, to: incidentRoom, transactionID: MatrixTransactionID(parts: [alice.tag, "edit"]))
                try await alice.client.redact(
                    secret, in: incidentRoom, reason: "posted a secret",
                    transactionID: MatrixTransactionID(parts: [alice.tag, "redact"]))
                // A command after both: once it is answered, the bot has seen everything before it.
                try await alice.say("!status", in: incidentRoom)
                _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "lead: none")
                try await parts.writer.drain()

                let timeline = try await parts.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
                let originalEntry = try #require(timeline.first { $0.detail == .event(original) })
                #expect(originalEntry.kind == .message && originalEntry.text == "disk is full on db-1")
                let editEntry = try #require(timeline.first { $0.detail == .edit(of: original) })
                #expect(editEntry.text == "disk is full on db-2")
                #expect(editEntry.account == setup.synapse.userID("alice"))
                #expect(editEntry.sequence > originalEntry.sequence)

                let secretEntry = try #require(timeline.first { $0.detail == .event(secret) })
                #expect(secretEntry.text == "the password is hunter2")
                let redaction = try #require(timeline.first { $0.detail == .redaction(of: secret) })
                #expect(redaction.text == "redacted: posted a secret")
                #expect(redaction.sequence > secretEntry.sequence)
                #expect(try await parts.store.verify(incidentID: 1).isIntact)
            }
        }
    }
}
