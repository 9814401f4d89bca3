import Foundation
import Matrix
import MatrixClient
import MatrixE2EE
import SitrepApp
import SitrepCore
import SitrepTestSupport
import Testing

/// The bot in an end-to-end encrypted room, as an Element user meets it: alice's device (its own Olm account,
/// keys published to Synapse) creates an encrypted room, invites the bot, shares her Megolm key with the bot's
/// device over Olm and declares in ciphertext; the bot reads it, answers in ciphertext that alice decrypts with
/// the key the bot shared with her device, and creates the incident room encrypted too. Part of the serialized
/// end-to-end suite: its bot is the same account.
extension MatrixBotEndToEndTests {
    /// A person whose client encrypts: a fresh device per run (one-time key ids cannot be reused on a device).
    final class EncryptingPerson: @unchecked Sendable {
        let client: MatrixClient
        let crypto: MatrixDeviceCrypto
        let filterID: String
        var cursor = MatrixSyncCursor(persisted: nil)
        var sent = 0

        init(_ synapse: LocalSynapse, user: String) async throws {
            let device = "ELEMENT\(UInt32.random(in: 0...UInt32.max))"
            client = try MatrixEncryptionIntegrationTests.client(synapse, user: user, device: device)
            let me = try await client.start()
            crypto = try MatrixDeviceCrypto(userID: me.userID, deviceID: device)
            if let keys = try crypto.keysToUpload(serverCount: 0) {
                _ = try await client.uploadKeys(keys)
                crypto.published()
            }
            filterID = try await client.createFilter(MatrixSyncFilter())
            _ = try await MatrixClientIntegrationTests.sync(client, filterID: filterID, cursor: &cursor) { $0 }
        }

        /// Says `text` in `roomID` encrypted, first sharing the room key with the devices of `members` that lack it
        /// (or, with `keyLate`, sending the key that long after the message, as a slow to-device path does).
        func say(_ text: String, in roomID: String, members: [String], keyLate: Duration? = nil) async throws {
            let found = try await client.queryKeys(of: members)
            let devices = members.flatMap { (found.deviceKeys[$0] ?? [:]).values }
            let due = try crypto.devicesToShare(
                roomID: roomID, members: Set(members), devices: devices, now: Int64(Date().timeIntervalSince1970 * 1000))
            let needSession = due.filter { !crypto.hasSession(with: $0) }
            if !needSession.isEmpty {
                let claimed = try await client.claimKeys(
                    MatrixKeysClaimRequest(devices: needSession.map { ($0.userID, $0.deviceID) }))
                // Like Element: a device with no one-time key left (an earlier run's) is skipped.
                for device in needSession {
                    guard let key = claimed.oneTimeKeys[device.userID]?[device.deviceID]?.values.first else { continue }
                    try crypto.startSession(with: device, oneTimeKey: key)
                }
            }
            sent += 1
            let messages = try crypto.roomKeyMessages(roomID: roomID, to: due.filter { crypto.hasSession(with: $0) })
            let shareKey = { [client, crypto, sent] in
                guard !messages.isEmpty else { return }
                try await client.sendToDevice(
                    MatrixSendToDeviceRequest(messages: messages), eventType: "m.room.encrypted",
                    transactionID: MatrixTransactionID(parts: ["human-key", crypto.deviceID, "\(sent)"]))
            }
            if keyLate == nil { try await shareKey() }
            let content = MatrixJSONValue.object(["msgtype": .string("m.text"), "body": .string(text)])
            _ = try await client.sendEncrypted(
                try crypto.encrypt(type: "m.room.message", content: content, in: roomID), to: roomID,
                transactionID: MatrixTransactionID(parts: ["human", crypto.deviceID, "\(sent)"]))
            if let keyLate {
                try await Task.sleep(for: keyLate)
                try await shareKey()
            }
        }

        /// The decrypted body of the next message from `sender` in `roomID` containing `text` (room keys taken from
        /// each sync's to-device messages first); fails if `sender` posts in the clear.
        func decryptedMessage(from sender: String, in roomID: String, containing text: String) async throws -> String {
            try await MatrixClientIntegrationTests.sync(client, filterID: filterID, cursor: &cursor) { response in
                _ = crypto.receive(response.toDevice)
                for event in response.rooms.join[roomID]?.timeline.events ?? [] where event.sender == sender {
                    if case .message(let clear) = event.content {
                        Issue.record("\(sender) posted in the clear in an encrypted room: \(clear.body)")
                    }
                    guard case .encrypted(let content) = event.content,
                        case .success(let plaintext) = crypto.decrypt(content, in: roomID),
                        case .object(let fields) = plaintext.content, case .string(let body)? = fields["body"],
                        body.contains(text)
                    else { continue }
                    return body
                }
                return nil
            }
        }
    }

    @Test(.timeLimit(.minutes(3))) func theBotReadsAndAnswersInAnEncryptedRoomAndItsIncidentRoomIsEncryptedToo()
        async throws
    {
        let setup = Setup(synapse: try LocalSynapse.require())
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let alice = try await EncryptingPerson(setup.synapse, user: "alice")
        defer { Task { try? await alice.client.shutdown() } }
        var config = setup.config
        let key = "\(UUID().uuidString)\(UUID().uuidString)"
        config.matrix?.encryptionKey = Secret(key)
        let parts = try SitrepApplication.makeParts(config: config, logger: Self.logger)
        let aliceID = setup.synapse.userID("alice")
        try await Self.running(parts) {
            let opsRoom = try await alice.client.createRoom(
                MatrixCreateRoomRequest(name: "encrypted ops", invite: [setup.botID], encrypted: true))
            // The bot accepts the invite (it has a key) and joins.
            _ = try await MatrixClientIntegrationTests.sync(alice.client, filterID: alice.filterID, cursor: &alice.cursor) {
                response in
                response.rooms.join[opsRoom]?.timeline.events.contains {
                    $0.stateKey == setup.botID && { if case .member(let m) = $0.content { m.membership == "join" } else { false } }($0)
                } == true ? true : nil
            }
            try await alice.say("!declare sev2 Encrypted checkout is down", in: opsRoom, members: [aliceID, setup.botID])
            let reply = try await alice.decryptedMessage(from: setup.botID, in: opsRoom, containing: "declared")
            #expect(reply.contains("INC-1") || reply.contains("incident 1"), "\(reply)")

            try await parts.writer.drain()
            let incident = try #require(try await parts.store.incident(id: 1))
            #expect(incident.title == "Encrypted checkout is down")
            let lines = try await parts.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            #expect(!lines.contains { $0.text.contains("cannot read") }, "\(lines.map(\.text))")

            // The incident room was created encrypted (auto: declared from an encrypted room).
            // The room is created on its own lane beside the reply: join once it exists and alice may (invited).
            var joined: String?
            let joinBy = ContinuousClock.now + .seconds(20)
            while joined == nil {
                do { joined = try await alice.client.join(setup.alias) } catch where ContinuousClock.now < joinBy {
                    try await Task.sleep(for: .milliseconds(250))
                }
            }
            let incidentRoom = try #require(joined)
            let state = try await alice.client.roomState(incidentRoom)
            #expect(state.contains { if case .encryption = $0.content { true } else { false } })

            // A message whose key comes later is recorded as unreadable, then replaced by its text as an edit of it.
            try await alice.say("late but readable", in: incidentRoom, members: [aliceID, setup.botID], keyLate: .seconds(2))
            var texts: [TimelineEntry] = []
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                try await parts.writer.drain()
                texts = try await parts.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
                if texts.contains(where: { $0.text == "late but readable" }) { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            let unreadable = try #require(texts.firstIndex { $0.text.hasPrefix("[encrypted message sitrep cannot read") })
            let replaced = try #require(texts.firstIndex { $0.text == "late but readable" }, "\(texts.map(\.text))")
            #expect(unreadable < replaced)
            #expect(texts[replaced].detail?.encoded.hasPrefix("edit of ") == true, "\(texts[replaced])")

            // The device's state is in the store, sealed: it opens with the key and only with it.
            let sealed = try #require(try await parts.store.checkpoint(stream: "matrix.crypto"))
            let me = try await parts.matrix?.client.whoami()
            _ = try MatrixDeviceCrypto(
                unsealing: sealed, key: Array(key.utf8), userID: setup.botID, deviceID: me?.deviceID ?? "")
            #expect(!sealed.contains("Encrypted checkout"))
        }
    }
}
