import OlmCrypto
import Testing

/// Two devices' accounts in one process: an Olm session opened from a claimed one-time key, messages both ways,
/// and the pickles the store keeps, opened only with their key.
@Suite struct OlmSessionTests {
    /// Alice's device opens a session to the bot's with one of its one-time keys; the bot makes the inbound
    /// session from the pre-key message; both sides then talk, and the used one-time key is gone.
    @Test func aSessionFromAClaimedOneTimeKeyCarriesMessagesBothWays() throws {
        let bot = try OlmAccount()
        let alice = try OlmAccount()
        try bot.generateOneTimeKeys(2)
        let oneTimeKeys = try bot.unpublishedOneTimeKeys()
        #expect(oneTimeKeys.count == 2)
        bot.markKeysAsPublished()
        #expect(try bot.unpublishedOneTimeKeys().isEmpty)

        let botKeys = try bot.identityKeys()
        let aliceKeys = try alice.identityKeys()
        let outbound = try OlmSession(
            outboundFrom: alice, theirIdentityKey: botKeys.curve25519,
            theirOneTimeKey: try #require(oneTimeKeys.values.sorted().first))
        let first = try outbound.encrypt(#"{"type":"m.room_key"}"#)
        #expect(first.type == OlmMessage.preKey)

        let inbound = try OlmSession(
            inboundTo: bot, theirIdentityKey: aliceKeys.curve25519, preKeyMessage: first.body)
        #expect(try inbound.decrypt(first) == #"{"type":"m.room_key"}"#)
        #expect(try inbound.id() == outbound.id())
        #expect(inbound.matches(preKeyMessage: first.body, from: aliceKeys.curve25519))
        #expect(!inbound.matches(preKeyMessage: first.body, from: botKeys.curve25519))
        try bot.removeOneTimeKeys(for: inbound)
        // The one-time key cannot open a second session.
        #expect(throws: OlmCryptoError.self) {
            try OlmSession(inboundTo: bot, theirIdentityKey: aliceKeys.curve25519, preKeyMessage: first.body)
        }

        let reply = try inbound.encrypt("ack")
        #expect(reply.type == OlmMessage.normal)
        #expect(try outbound.decrypt(reply) == "ack")
        let next = try outbound.encrypt("again")
        #expect(next.type == OlmMessage.normal)
        #expect(try inbound.decrypt(next) == "again")
    }

    @Test func aMessageForAnotherSessionOrAlteredIsRefused() throws {
        let bot = try OlmAccount()
        let alice = try OlmAccount()
        try bot.generateOneTimeKeys(1)
        let key = try #require(try bot.unpublishedOneTimeKeys().values.first)
        let botKeys = try bot.identityKeys()
        let outbound = try OlmSession(outboundFrom: alice, theirIdentityKey: botKeys.curve25519, theirOneTimeKey: key)
        let message = try outbound.encrypt("hello")
        let inbound = try OlmSession(
            inboundTo: bot, theirIdentityKey: try alice.identityKeys().curve25519, preKeyMessage: message.body)
        _ = try inbound.decrypt(message)
        let later = try inbound.encrypt("x")
        var body = Array(later.body)
        let index = body.count / 2
        body[index] = body[index] == "A" ? "B" : "A"
        #expect(throws: OlmCryptoError.self) {
            try outbound.decrypt(OlmMessage(type: later.type, body: String(body)))
        }
    }

    /// The pickles the store keeps: the same keys and session after a round trip, unreadable with another key.
    @Test func picklesOpenWithTheirKeyOnly() throws {
        let key = Array("an operator's key of 32 bytes!!!".utf8)
        let account = try OlmAccount()
        let pickle = try account.pickle(key: key)
        #expect(!pickle.contains(try account.identityKeys().ed25519))
        let restored = try OlmAccount(pickle: pickle, key: key)
        #expect(try restored.identityKeys() == account.identityKeys())
        #expect(throws: OlmCryptoError(function: "olm_unpickle_account", reason: "BAD_ACCOUNT_KEY")) {
            try OlmAccount(pickle: pickle, key: Array("another key".utf8))
        }

        try account.generateOneTimeKeys(1)
        let other = try OlmAccount()
        let session = try OlmSession(
            outboundFrom: other, theirIdentityKey: try account.identityKeys().curve25519,
            theirOneTimeKey: try #require(try account.unpublishedOneTimeKeys().values.first))
        let restoredSession = try OlmSession(pickle: try session.pickle(key: key), key: key)
        #expect(try restoredSession.id() == session.id())
    }

    /// A device's signature over canonical JSON, checked with its Ed25519 key; another text or key fails.
    @Test func signaturesVerifyWithTheSignersKeyOnly() throws {
        let account = try OlmAccount()
        let text = #"{"algorithms":["m.megolm.v1.aes-sha2"],"device_id":"BOT"}"#
        let signature = try account.sign(text)
        let key = try account.identityKeys().ed25519
        #expect(Ed25519Verifier.isValid(signature: signature, of: text, by: key))
        #expect(!Ed25519Verifier.isValid(signature: signature, of: text + " ", by: key))
        #expect(!Ed25519Verifier.isValid(signature: signature, of: text, by: try OlmAccount().identityKeys().ed25519))
    }
}
