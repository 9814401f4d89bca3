import COlm

/// A receiving Megolm session: a room key another device shared with the bot (`m.room_key`), which decrypts that
/// device's messages in the room from the key's first index on. Not thread-safe.
public final class MegolmInboundSession {
    private let memory: UnsafeMutableRawPointer
    let pointer: OpaquePointer

    private init() {
        memory = UnsafeMutableRawPointer.allocate(byteCount: olm_inbound_group_session_size(), alignment: 16)
        pointer = olm_inbound_group_session(memory)
    }

    deinit {
        olm_clear_inbound_group_session(pointer)
        memory.deallocate()
    }

    /// The session of an `m.room_key`'s `session_key`.
    public convenience init(sessionKey: String) throws {
        self.init()
        let key = Array(sessionKey.utf8)
        _ = try check(olm_init_inbound_group_session(pointer, key, key.count), "olm_init_inbound_group_session")
    }

    /// A session stored by `pickle(key:)` with the same key.
    public convenience init(pickle: String, key: [UInt8]) throws {
        self.init()
        var pickled = Array(pickle.utf8)
        _ = try check(
            olm_unpickle_inbound_group_session(pointer, key, key.count, &pickled, pickled.count),
            "olm_unpickle_inbound_group_session")
    }

    public func pickle(key: [UInt8]) throws -> String {
        try OlmBuffers.text(
            length: olm_pickle_inbound_group_session_length(pointer),
            { try check($0, "olm_pickle_inbound_group_session") }
        ) {
            olm_pickle_inbound_group_session(pointer, key, key.count, $0, $1)
        }
    }

    /// The session id (as the sender's outbound session has it).
    public func id() throws -> String {
        try OlmBuffers.text(
            length: olm_inbound_group_session_id_length(pointer), { try check($0, "olm_inbound_group_session_id") }
        ) {
            olm_inbound_group_session_id(pointer, $0, $1)
        }
    }

    /// The first message index this session can decrypt.
    public var firstKnownIndex: Int { Int(olm_inbound_group_session_first_known_index(pointer)) }

    /// The plaintext of an `m.megolm.v1.aes-sha2` event's `ciphertext` and its message index (a replayed index
    /// with another event id is an attack the caller checks).
    public func decrypt(_ ciphertext: String) throws -> (plaintext: String, index: Int) {
        var probe = Array(ciphertext.utf8)
        let maximum = try check(
            olm_group_decrypt_max_plaintext_length(pointer, &probe, probe.count),
            "olm_group_decrypt_max_plaintext_length")
        var message = Array(ciphertext.utf8)
        var output = [UInt8](repeating: 0, count: maximum)
        var index: UInt32 = 0
        let count = try check(
            olm_group_decrypt(pointer, &message, message.count, &output, output.count, &index), "olm_group_decrypt")
        return (Array(output.prefix(count)).utf8String, Int(index))
    }

    private func check(_ result: Int, _ function: String) throws -> Int {
        try OlmBuffers.check(result, function) {
            OlmBuffers.string(olm_inbound_group_session_last_error(pointer))
        }
    }
}
