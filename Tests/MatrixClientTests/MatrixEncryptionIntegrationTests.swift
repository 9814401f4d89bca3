import Foundation
import Matrix
import MatrixClient
import MatrixE2EE
import OlmCrypto
import SitrepTestSupport
import Testing

/// Olm and Megolm through the local Synapse: the bot's device publishes signed keys, another user's device finds
/// them, claims a one-time key, sends a Megolm room key over Olm to the bot's device, and posts an encrypted room
/// message that the bot decrypts with it. Fresh device ids per run: a device's one-time key ids cannot be reused.
@Suite(.enabled(if: LocalSynapse.shouldRun))
struct MatrixEncryptionIntegrationTests {
    static func client(_ synapse: LocalSynapse, user: String, device: String) throws -> MatrixClient {
        let configuration = MatrixClientConfiguration(
            homeserverURL: synapse.url,
            credentials: .password(user: user, password: synapse.password, deviceID: device),
            caFile: synapse.caFile, longPoll: .seconds(5))
        return try MatrixClient(configuration: configuration, logger: MatrixClientIntegrationTests.logger)
    }

    @Test(.timeLimit(.minutes(2))) func aRoomKeyOverOlmThroughSynapseDecryptsAnEncryptedRoomMessage() async throws {
        let synapse = try LocalSynapse.require()
        let run = UInt32.random(in: 0...UInt32.max)
        let botUser = synapse.userID("dave")
        let botDevice = "E2EEBOT\(run)"
        let bob = synapse.userID("bob")
        let bobDevice = "E2EEBOB\(run)"
        let botClient = try Self.client(synapse, user: "dave", device: botDevice)
        let bobClient = try Self.client(synapse, user: "bob", device: bobDevice)
        // Shut down however the test ends, a failed start included (a client freed unshut traps).
        defer {
            Task {
                try? await botClient.shutdown()
                try? await bobClient.shutdown()
            }
        }
        try await botClient.start()
        try await bobClient.start()

        // The bot's device publishes its keys and five one-time keys.
        let account = try OlmAccount()
        try account.generateOneTimeKeys(5)
        let counts = try await botClient.uploadKeys(
            MatrixKeysUploadRequest(
                deviceKeys: try account.deviceKeys(userID: botUser, deviceID: botDevice),
                oneTimeKeys: try account.signedOneTimeKeys(userID: botUser, deviceID: botDevice)))
        account.markKeysAsPublished()
        #expect(counts["signed_curve25519"] == 5)

        // Bob's device finds it, checks its signature, claims a one-time key signed by it.
        let found = try await bobClient.queryKeys(of: [botUser])
        let devices = found.deviceKeys[botUser] ?? [:]
        let device = try #require(devices[botDevice], "\(devices.keys.sorted())")
        #expect(device.isSelfSigned)
        #expect(device.curve25519 == (try account.identityKeys().curve25519))
        let claimed = try await bobClient.claimKeys(MatrixKeysClaimRequest(devices: [(botUser, botDevice)]))
        let oneTimeKey = try #require(claimed.oneTimeKeys[botUser]?[botDevice]?.values.first)
        #expect(oneTimeKey.isSigned(by: device))

        // Bob shares a Megolm key with the bot's device over Olm, then posts an encrypted message in a room.
        let roomID = try await bobClient.createRoom(MatrixCreateRoomRequest(name: "e2ee \(run)", invite: [botUser]))
        #expect(try await botClient.join(roomID) == roomID)
        let bobAccount = try OlmAccount()
        let bobKeys = try bobAccount.identityKeys()
        let megolm = try MegolmOutboundSession()
        let roomKey = MatrixRoomKey(roomID: roomID, sessionID: try megolm.id(), sessionKey: try megolm.sessionKey())
        let olm = try OlmSession(
            outboundFrom: bobAccount, theirIdentityKey: try #require(device.curve25519),
            theirOneTimeKey: oneTimeKey.key)
        let keyContent = try olm.toDeviceContent(
            OlmPayload(
                type: "m.room_key", content: roomKey, sender: bob, recipient: botUser,
                recipientEd25519: try #require(device.ed25519), senderEd25519: bobKeys.ed25519),
            recipientKey: try #require(device.curve25519), senderKey: bobKeys.curve25519)
        try await bobClient.sendToDevice(
            MatrixSendToDeviceRequest(messages: [botUser: [botDevice: keyContent]]), eventType: "m.room.encrypted",
            transactionID: MatrixTransactionID(parts: ["e2ee", "\(run)", "key"]))
        let message = MatrixMessageContent(msgtype: "m.text", body: "!ack from an encrypted room")
        try await bobClient.sendEncrypted(
            try megolm.roomEventContent(
                MegolmPlaintext(type: "m.room.message", content: message, roomID: roomID),
                senderKey: bobKeys.curve25519, deviceID: bobDevice),
            to: roomID, transactionID: MatrixTransactionID(parts: ["e2ee", "\(run)", "message"]))

        // The bot's device receives the key, sees one one-time key fewer, and reads the message.
        let inbox = OlmInbox(account: account, userID: botUser)
        var cursor = MatrixSyncCursor(persisted: nil)
        let filterID = try await botClient.createFilter(MatrixSyncFilter())
        var inbound: MegolmInboundSession?
        var keyCount: Int?
        let body = try await MatrixClientIntegrationTests.sync(botClient, filterID: filterID, cursor: &cursor) {
            response -> String? in
            if let count = response.oneTimeKeyCounts["signed_curve25519"] { keyCount = count }
            for event in response.toDevice where event.sender == bob && event.encrypted != nil {
                if let key = try? inbox.open(event, as: MatrixRoomKey.self) {
                    inbound = try? MegolmInboundSession(sessionKey: key.content.sessionKey)
                }
            }
            guard let inbound else { return nil }
            for event in response.rooms.join[roomID]?.timeline.events ?? [] {
                guard case .encrypted(let content) = event.content, content.sessionID == roomKey.sessionID else {
                    continue
                }
                return try? inbound.open(content, in: roomID, as: MatrixMessageContent.self).event.content.body
            }
            return nil
        }
        #expect(body == "!ack from an encrypted room")
        #expect(keyCount == 4)
    }
}
