import COlm

/// A one-to-one Olm session with another device, for to-device messages (room keys). Not thread-safe.
public final class OlmSession {
    private let memory: UnsafeMutableRawPointer
    let pointer: OpaquePointer

    private init() {
        memory = UnsafeMutableRawPointer.allocate(byteCount: olm_session_size(), alignment: 16)
        pointer = olm_session(memory)
    }

    deinit {
        olm_clear_session(pointer)
        memory.deallocate()
    }

    /// A session to a device, from its identity key and one of its one-time keys (`/keys/claim`).
    public convenience init(outboundFrom account: OlmAccount, theirIdentityKey: String, theirOneTimeKey: String)
        throws
    {
        self.init()
        let identity = Array(theirIdentityKey.utf8)
        let oneTime = Array(theirOneTimeKey.utf8)
        var random = OlmBuffers.random(olm_create_outbound_session_random_length(pointer))
        _ = try check(
            olm_create_outbound_session(
                pointer, account.pointer, identity, identity.count, oneTime, oneTime.count, &random, random.count),
            "olm_create_outbound_session")
    }

    /// The session a device opened with a pre-key message to us; `theirIdentityKey` is checked against it.
    public convenience init(inboundTo account: OlmAccount, theirIdentityKey: String, preKeyMessage: String) throws {
        self.init()
        let identity = Array(theirIdentityKey.utf8)
        var message = Array(preKeyMessage.utf8)
        _ = try check(
            olm_create_inbound_session_from(
                pointer, account.pointer, identity, identity.count, &message, message.count),
            "olm_create_inbound_session_from")
    }

    /// A session stored by `pickle(key:)` with the same key.
    public convenience init(pickle: String, key: [UInt8]) throws {
        self.init()
        var pickled = Array(pickle.utf8)
        _ = try check(
            olm_unpickle_session(pointer, key, key.count, &pickled, pickled.count), "olm_unpickle_session")
    }

    /// The session encrypted with `key`, for the store.
    public func pickle(key: [UInt8]) throws -> String {
        try OlmBuffers.text(length: olm_pickle_session_length(pointer), { try check($0, "olm_pickle_session") }) {
            olm_pickle_session(pointer, key, key.count, $0, $1)
        }
    }

    /// The session's id (the same on both sides).
    public func id() throws -> String {
        try OlmBuffers.text(length: olm_session_id_length(pointer), { try check($0, "olm_session_id") }) {
            olm_session_id(pointer, $0, $1)
        }
    }

    /// Whether a pre-key message from `theirIdentityKey` belongs to this session (so it, not a new one, decrypts).
    public func matches(preKeyMessage: String, from theirIdentityKey: String) -> Bool {
        let identity = Array(theirIdentityKey.utf8)
        var message = Array(preKeyMessage.utf8)
        return olm_matches_inbound_session_from(pointer, identity, identity.count, &message, message.count) == 1
    }

    /// `plaintext` encrypted: a pre-key message (type 0) until the other side answered, then normal (type 1).
    public func encrypt(_ plaintext: String) throws -> OlmMessage {
        let type = try check(olm_encrypt_message_type(pointer), "olm_encrypt_message_type")
        let bytes = Array(plaintext.utf8)
        var random = OlmBuffers.random(olm_encrypt_random_length(pointer))
        var output = [UInt8](repeating: 0, count: olm_encrypt_message_length(pointer, bytes.count))
        let count = try check(
            olm_encrypt(pointer, bytes, bytes.count, &random, random.count, &output, output.count), "olm_encrypt")
        return OlmMessage(type: type, body: Array(output.prefix(count)).utf8String)
    }

    /// The plaintext of a message of this session.
    public func decrypt(_ message: OlmMessage) throws -> String {
        var probe = Array(message.body.utf8)
        let maximum = try check(
            olm_decrypt_max_plaintext_length(pointer, message.type, &probe, probe.count),
            "olm_decrypt_max_plaintext_length")
        var body = Array(message.body.utf8)
        return try OlmBuffers.text(length: maximum, { try check($0, "olm_decrypt") }) {
            olm_decrypt(pointer, message.type, &body, body.count, $0, $1)
        }
    }

    private func check(_ result: Int, _ function: String) throws -> Int {
        try OlmBuffers.check(result, function) { OlmBuffers.string(olm_session_last_error(pointer)) }
    }
}

/// An Olm message as `m.olm.v1.curve25519-aes-sha2` carries it: its type (0 pre-key, 1 normal) and base64 body.
public struct OlmMessage: Sendable, Equatable {
    public static let preKey = 0
    public static let normal = 1
    public let type: Int
    public let body: String

    public init(type: Int, body: String) {
        self.type = type
        self.body = body
    }
}
