import Matrix
import MatrixE2EE
import OlmCrypto
import Testing

/// The Matrix side of Olm and Megolm without a homeserver: signed keys, to-device room keys and room messages,
/// and the checks that refuse a message addressed elsewhere.
@Suite struct MatrixE2EETests {
    @Test func deviceAndOneTimeKeysAreSignedByTheDeviceAndATamperedKeyIsNot() throws {
        let account = try OlmAccount()
        var keys = try account.deviceKeys(userID: "@sitrep:x", deviceID: "BOT")
        #expect(keys.isSelfSigned)
        #expect(keys.curve25519 == (try account.identityKeys().curve25519))
        #expect(keys.algorithms == [MatrixEncryptedContent.olm, MatrixEncryptedContent.megolm])
        try account.generateOneTimeKeys(3)
        let oneTime = try account.signedOneTimeKeys(userID: "@sitrep:x", deviceID: "BOT")
        #expect(oneTime.count == 3 && oneTime.keys.allSatisfy { $0.hasPrefix("signed_curve25519:") })
        #expect(oneTime.values.allSatisfy { $0.isSigned(by: keys) })

        var forged = try #require(oneTime.values.first)
        forged.key = try OlmAccount().identityKeys().curve25519
        #expect(!forged.isSigned(by: keys))
        keys.keys["curve25519:BOT"] = forged.key
        #expect(!keys.isSelfSigned)
    }

    /// Alice's device shares a Megolm key with the bot's over Olm; the bot decrypts her room message with it, and
    /// refuses the same ciphertext presented as another room's.
    @Test func aRoomKeySharedOverOlmOpensTheRoomsMessages() throws {
        let bot = try OlmAccount()
        try bot.generateOneTimeKeys(1)
        let botKeys = try bot.deviceKeys(userID: "@sitrep:x", deviceID: "BOT")
        let claimed = try #require(try bot.signedOneTimeKeys(userID: "@sitrep:x", deviceID: "BOT").values.first)
        let inbox = OlmInbox(account: bot, userID: "@sitrep:x")

        let alice = try OlmAccount()
        let aliceKeys = try alice.identityKeys()
        let megolm = try MegolmOutboundSession()
        let roomKey = MatrixRoomKey(roomID: "!inc:x", sessionID: try megolm.id(), sessionKey: try megolm.sessionKey())
        let olm = try OlmSession(
            outboundFrom: alice, theirIdentityKey: try #require(botKeys.curve25519), theirOneTimeKey: claimed.key)
        let payload = OlmPayload(
            type: "m.room_key", content: roomKey, sender: "@alice:x", recipient: "@sitrep:x",
            recipientEd25519: try #require(botKeys.ed25519), senderEd25519: aliceKeys.ed25519)
        let content = try olm.toDeviceContent(
            payload, recipientKey: try #require(botKeys.curve25519), senderKey: aliceKeys.curve25519)

        // Claimed by another sender than the envelope's: refused. (Its own copy: a ciphertext decrypts once.)
        let copy = try olm.toDeviceContent(
            payload, recipientKey: try #require(botKeys.curve25519), senderKey: aliceKeys.curve25519)
        let spoofed = MatrixToDeviceEvent(type: "m.room.encrypted", sender: "@mallory:x", encrypted: copy)
        #expect(throws: OlmInboxRejection.self) { try inbox.open(spoofed, as: MatrixRoomKey.self) }

        let event = MatrixToDeviceEvent(type: "m.room.encrypted", sender: "@alice:x", encrypted: content)
        // The session the refused message opened stays (the one-time key is used up): it opens the real one.
        let opened = try inbox.open(event, as: MatrixRoomKey.self)
        #expect(inbox.sessions[aliceKeys.curve25519]?.count == 1)
        #expect(opened.content == roomKey && opened.type == "m.room_key")

        let inbound = try MegolmInboundSession(sessionKey: opened.content.sessionKey)
        let message = MatrixMessageContent(msgtype: "m.text", body: "!ack")
        let encrypted = try megolm.roomEventContent(
            MegolmPlaintext(type: "m.room.message", content: message, roomID: "!inc:x"),
            senderKey: aliceKeys.curve25519, deviceID: "ALICE")
        let read = try inbound.open(encrypted, in: "!inc:x", as: MatrixMessageContent.self)
        #expect(read.event.content.body == "!ack" && read.index == 0)
        #expect(throws: OlmInboxRejection.self) {
            try inbound.open(encrypted, in: "!other:x", as: MatrixMessageContent.self)
        }
    }
}
