import Foundation
import SQLiteStore
import SitrepCore
import SitrepTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real `sitrep` binary against the encrypting Synapse (every new room end-to-end encrypted), with people whose
/// client is matrix-nio on python-olm (`NioHuman`): encryption code independent of the bot's, so a mistake both
/// sides shared would not pass unseen. Alice does what an Element user does, from declaration to closure in the
/// encrypted incident room; bob joins late, reads the bot and is read; the bot is restarted, then killed with
/// SIGKILL mid-incident, and still decrypts what is said; the export holds the plaintext and verifies.
@Suite(.enabled(if: LocalSynapse.encrypting.shouldRun), .serialized)
struct IndependentClientEncryptionTests {
    static let megolm = "m.megolm.v1.aes-sha2"

    /// A Matrix-only config with an encryption key file, alice a commander and bob a responder.
    static func yaml(_ setup: MatrixBotEndToEndTests.Setup, webPort: Int, keyFile: URL) -> String {
        MatrixBotEndToEndTests.killTestYAML(
            setup, device: "NIO", responders: [setup.synapse.userID("bob")],
            matrixExtra: "  encryption_key_file: \(keyFile.path)\n")
            + "web:\n  listen: 127.0.0.1:\(webPort)\n"
    }

    /// `sitrep run` started as `name` and ready (`/readyz`).
    static func started(_ name: String, _ setup: MatrixBotEndToEndTests.Setup, port: Int) async throws
        -> MatrixBotEndToEndTests.SitrepProcess
    {
        let process = try MatrixBotEndToEndTests.startProcess(name, setup, webPort: port)
        try #require(try await process.waitUntilReady(), "sitrep (\(name)) did not get ready; see its log")
        return process
    }

    /// Says `command` as `person` in `roomID` and returns the bot's encrypted answer containing `answer`.
    @discardableResult
    static func ask(_ person: NioHuman, _ command: String, in roomID: String, bot: String, answer: String)
        async throws -> String
    {
        try await person.say(command, in: roomID)
        let reply = try await person.message(from: bot, in: roomID, containing: answer)
        #expect(reply.encrypted, "the bot answered \(command) in the clear: \(reply.body)")
        return reply.body
    }

    @Test(.timeLimit(.minutes(5)))
    func anElementLikeClientRunsAnEncryptedIncidentToClosureAcrossARestartAndAKill() async throws {
        let synapse = try LocalSynapse.encrypting.require()
        let setup = MatrixBotEndToEndTests.Setup(synapse: synapse)
        try FileManager.default.createDirectory(at: setup.folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let keyFile = setup.folder.appendingPathComponent("matrix-encryption-key")
        try "\(UUID().uuidString)\(UUID().uuidString)".write(to: keyFile, atomically: true, encoding: .utf8)
        let port = MatrixBotEndToEndTests.freePort()
        let configFile = setup.folder.appendingPathComponent("sitrep.yaml")
        try Self.yaml(setup, webPort: port, keyFile: keyFile).write(to: configFile, atomically: true, encoding: .utf8)
        let bot = setup.botID

        let first = try await Self.started("first", setup, port: port)
        defer { if first.process.isRunning { kill(first.process.processIdentifier, SIGKILL) } }
        let alice = try await NioHuman(synapse, user: "alice", folder: setup.folder)
        defer { Task { await alice.quit() } }

        // Alice's encrypted room, the bot invited: it joins (it has a key) and reads her declaration.
        let ops = try await alice.createRoom("ops", invite: [bot])
        #expect(try await alice.encryption(of: ops) == Self.megolm)
        try await alice.waitUntil(bot, joined: ops)
        let declared = try await Self.ask(
            alice, "!declare sev2 Payments fail behind encryption", in: ops, bot: bot, answer: "declared")
        #expect(declared.contains("incident 1 declared (SEV2)") && declared.contains(setup.alias), "\(declared)")

        // The incident room is encrypted too; alice joins and runs the incident there.
        let room = try await alice.join(setup.alias)
        #expect(try await alice.encryption(of: room) == Self.megolm)
        try await alice.say("error rate 35% on payments-api", in: room)
        let ack = try await Self.ask(alice, "!ack", in: room, bot: bot, answer: "acknowledged")
        #expect(ack.contains("incident 1 acknowledged by alice"), "\(ack)")

        // A graceful restart: the bot keeps its device and keys.
        first.stop()
        let second = try await Self.started("second", setup, port: port)
        defer { if second.process.isRunning { kill(second.process.processIdentifier, SIGKILL) } }
        try await Self.ask(alice, "!note gateway returns 502 since 14:02", in: room, bot: bot, answer: "note recorded")

        // Bob joins late: the bot shares its room key with his new device, and takes his.
        try await Self.ask(alice, "!invite \(synapse.userID("bob"))", in: room, bot: bot, answer: "invited")
        let bob = try await NioHuman(synapse, user: "bob", folder: setup.folder)
        defer { Task { await bob.quit() } }
        #expect(try await bob.join(room) == room)
        try await Self.ask(bob, "!note bob: the gateway certificate expired", in: room, bot: bot, answer: "note recorded")

        // SIGKILL mid-incident; what is said while the bot is down is read after it starts again.
        kill(second.process.processIdentifier, SIGKILL)
        second.process.waitUntilExit()
        try await alice.say("said while sitrep was down", in: room)
        try await bob.say("bob: renewed the certificate", in: room)
        let third = try await Self.started("third", setup, port: port)
        defer { if third.process.isRunning { kill(third.process.processIdentifier, SIGKILL) } }
        try await Self.ask(alice, "!resolve renewed the gateway certificate", in: room, bot: bot, answer: "resolved")
        try await Self.ask(alice, "!cause the gateway certificate expired", in: room, bot: bot, answer: "cause")
        try await Self.ask(alice, "!close", in: room, bot: bot, answer: "closed")
        let closedForBob = try await bob.message(from: bot, in: room, containing: "closed")
        #expect(closedForBob.encrypted)
        third.stop()

        // Nothing the bot said stayed unreadable to either person.
        for (person, roomID) in [(alice, ops), (alice, room), (bob, room)] {
            let seen = try await person.messages(from: bot, in: roomID)
            #expect(seen.undecryptable == 0, "\(person.userID) cannot read \(seen.undecryptable) of the bot's messages")
        }

        // The store has every line in plaintext, once, in order, from its author; none unreadable.
        let store = try SQLiteIncidentStore(path: setup.folder.appendingPathComponent("sitrep.sqlite").path)
        defer { try? store.close() }
        let timeline = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
        let said = timeline.filter { $0.kind == .message }
        #expect(
            said.map(\.text) == [
                "error rate 35% on payments-api", "!ack", "!note gateway returns 502 since 14:02",
                "!invite \(synapse.userID("bob"))", "!note bob: the gateway certificate expired",
                "said while sitrep was down", "bob: renewed the certificate",
                "!resolve renewed the gateway certificate", "!cause the gateway certificate expired", "!close",
            ], "\(said.map(\.text))")
        #expect(
            said.filter { $0.account == synapse.userID("bob") }.map(\.text) == [
                "!note bob: the gateway certificate expired", "bob: renewed the certificate",
            ])
        #expect(!timeline.contains { $0.text.hasPrefix("[encrypted message") }, "\(timeline.map(\.text))")
        #expect(try await store.incident(id: 1)?.state == .closed)

        // The export holds the plaintext and its chain verifies on its own.
        let exportFile = setup.folder.appendingPathComponent("inc-1.json")
        let export = try MatrixBotEndToEndTests.runWithoutChatSecrets(
            ["export", "--config", configFile.path, "1", "--output", exportFile.path])
        #expect(export.status == 0, "\(export.output)")
        let exported = try String(contentsOf: exportFile, encoding: .utf8)
        for line in ["said while sitrep was down", "bob: renewed the certificate", "gateway returns 502 since 14:02"] {
            #expect(exported.contains(line), "the export lacks \(line)")
        }
        let verify = try MatrixBotEndToEndTests.runWithoutChatSecrets(["verify", "--export", exportFile.path])
        #expect(verify.status == 0 && verify.output.contains("intact"), "\(verify.output)")
    }
}
