import COlm

/// The bot's sending Megolm session for one room: encrypts its messages there; its session key is shared with the
/// room's devices over Olm (`m.room_key`) before the first message. Not thread-safe.
public final class MegolmOutboundSession {
    private let memory: UnsafeMutableRawPointer
    let pointer: OpaquePointer

    private init() {
        memory = UnsafeMutableRawPointer.allocate(byteCount: olm_outbound_group_session_size(), alignment: 16)
        pointer = olm_outbound_group_session(memory)
    }

    deinit {
        olm_clear_outbound_group_session(pointer)
        memory.deallocate()
    }

    /// A new session with a fresh ratchet.
    public convenience init(generating: Void = ()) throws {
        self.init()
        var random = OlmBuffers.random(olm_init_outbound_group_session_random_length(pointer))
        _ = try check(
            olm_init_outbound_group_session(pointer, &random, random.count), "olm_init_outbound_group_session")
    }

    /// A session stored by `pickle(key:)` with the same key.
    public convenience init(pickle: String, key: [UInt8]) throws {
        self.init()
        var pickled = Array(pickle.utf8)
        _ = try check(
            olm_unpickle_outbound_group_session(pointer, key, key.count, &pickled, pickled.count),
            "olm_unpickle_outbound_group_session")
    }

    public func pickle(key: [UInt8]) throws -> String {
        try OlmBuffers.text(
            length: olm_pickle_outbound_group_session_length(pointer),
            { try check($0, "olm_pickle_outbound_group_session") }
        ) {
            olm_pickle_outbound_group_session(pointer, key, key.count, $0, $1)
        }
    }

    /// The session id receivers index the key by.
    public func id() throws -> String {
        try OlmBuffers.text(
            length: olm_outbound_group_session_id_length(pointer), { try check($0, "olm_outbound_group_session_id") }
        ) {
            olm_outbound_group_session_id(pointer, $0, $1)
        }
    }

    /// The key to share (at the current index: receivers decrypt this message and later ones, not earlier).
    public func sessionKey() throws -> String {
        try OlmBuffers.text(
            length: olm_outbound_group_session_key_length(pointer), { try check($0, "olm_outbound_group_session_key") }
        ) {
            olm_outbound_group_session_key(pointer, $0, $1)
        }
    }

    /// How many messages the session has encrypted (for rotation after `rotation_period_msgs`).
    public var messageIndex: Int { Int(olm_outbound_group_session_message_index(pointer)) }

    /// `plaintext` (the event's JSON) encrypted: the `ciphertext` of an `m.megolm.v1.aes-sha2` event.
    public func encrypt(_ plaintext: String) throws -> String {
        let bytes = Array(plaintext.utf8)
        return try OlmBuffers.text(
            length: olm_group_encrypt_message_length(pointer, bytes.count), { try check($0, "olm_group_encrypt") }
        ) {
            olm_group_encrypt(pointer, bytes, bytes.count, $0, $1)
        }
    }

    private func check(_ result: Int, _ function: String) throws -> Int {
        try OlmBuffers.check(result, function) {
            OlmBuffers.string(olm_outbound_group_session_last_error(pointer))
        }
    }
}
