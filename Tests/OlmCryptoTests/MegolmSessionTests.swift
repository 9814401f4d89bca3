import OlmCrypto
import Testing

/// Megolm as a room uses it: the bot's outbound session shared by key; receivers decrypt from the shared index on.
@Suite struct MegolmSessionTests {
    @Test func aSharedKeyDecryptsTheMessagesFromItsIndexOn() throws {
        let outbound = try MegolmOutboundSession()
        let early = try outbound.encrypt("before the key was shared")
        #expect(outbound.messageIndex == 1)
        let inbound = try MegolmInboundSession(sessionKey: try outbound.sessionKey())
        #expect(try inbound.id() == outbound.id())
        #expect(inbound.firstKnownIndex == 1)

        let message = try outbound.encrypt(#"{"type":"m.room.message","content":{"body":"!ack"}}"#)
        let decrypted = try inbound.decrypt(message)
        #expect(decrypted.plaintext == #"{"type":"m.room.message","content":{"body":"!ack"}}"#)
        #expect(decrypted.index == 1)
        #expect(try inbound.decrypt(try outbound.encrypt("two")).index == 2)
        #expect(throws: OlmCryptoError(function: "olm_group_decrypt", reason: "UNKNOWN_MESSAGE_INDEX")) {
            try inbound.decrypt(early)
        }
    }

    @Test func bothSessionsSurviveAPickleRoundTrip() throws {
        let key = Array("pickle key".utf8)
        let outbound = try MegolmOutboundSession()
        let inbound = try MegolmInboundSession(sessionKey: try outbound.sessionKey())
        let restoredOutbound = try MegolmOutboundSession(pickle: try outbound.pickle(key: key), key: key)
        let restoredInbound = try MegolmInboundSession(pickle: try inbound.pickle(key: key), key: key)
        let message = try restoredOutbound.encrypt("after restart")
        #expect(try restoredInbound.decrypt(message).plaintext == "after restart")
        let pickle = try inbound.pickle(key: key)
        #expect(throws: OlmCryptoError.self) { try MegolmInboundSession(pickle: pickle, key: [1]) }
    }

    @Test func aCiphertextFromAnotherSessionIsRefused() throws {
        let inbound = try MegolmInboundSession(sessionKey: try MegolmOutboundSession().sessionKey())
        #expect(throws: OlmCryptoError.self) { try inbound.decrypt(try MegolmOutboundSession().encrypt("x")) }
        #expect(throws: OlmCryptoError.self) { try MegolmInboundSession(sessionKey: "not a key") }
    }
}
