import COlm
import Foundation

/// The bot's Olm account: its device's identity keys (Curve25519 for Olm, Ed25519 for signatures) and its
/// one-time keys. Not thread-safe: one owner (an actor) uses it. Stored as a pickle encrypted with a key of the
/// operator's (`pickle(key:)`), never in the clear.
public final class OlmAccount {
    private let memory: UnsafeMutableRawPointer
    let pointer: OpaquePointer

    private init() {
        memory = UnsafeMutableRawPointer.allocate(byteCount: olm_account_size(), alignment: 16)
        pointer = olm_account(memory)
    }

    /// A new account with fresh identity keys.
    public convenience init(generating: Void = ()) throws {
        self.init()
        var random = OlmBuffers.random(olm_create_account_random_length(pointer))
        _ = try check(olm_create_account(pointer, &random, random.count), "olm_create_account")
    }

    /// The account stored by `pickle(key:)` with the same key.
    public convenience init(pickle: String, key: [UInt8]) throws {
        self.init()
        var pickled = Array(pickle.utf8)
        _ = try check(
            olm_unpickle_account(pointer, key, key.count, &pickled, pickled.count), "olm_unpickle_account")
    }

    deinit {
        olm_clear_account(pointer)
        memory.deallocate()
    }

    /// The account encrypted with `key` (AES-256 and HMAC-SHA-256 under keys derived from it), for the store.
    public func pickle(key: [UInt8]) throws -> String {
        try OlmBuffers.text(length: olm_pickle_account_length(pointer), { try check($0, "olm_pickle_account") }) {
            olm_pickle_account(pointer, key, key.count, $0, $1)
        }
    }

    /// The device's public identity keys.
    public func identityKeys() throws -> OlmIdentityKeys {
        var output = [UInt8](repeating: 0, count: olm_account_identity_keys_length(pointer))
        let count = try check(
            olm_account_identity_keys(pointer, &output, output.count), "olm_account_identity_keys")
        return try JSONDecoder().decode(OlmIdentityKeys.self, from: Data(output.prefix(count)))
    }

    /// The Ed25519 signature of `message` (unpadded base64), as Matrix signs canonical JSON.
    public func sign(_ message: String) throws -> String {
        let bytes = Array(message.utf8)
        return try OlmBuffers.text(
            length: olm_account_signature_length(pointer), { try check($0, "olm_account_sign") }
        ) {
            olm_account_sign(pointer, bytes, bytes.count, $0, $1)
        }
    }

    /// How many one-time keys the account can hold at once.
    public var maxOneTimeKeys: Int { olm_account_max_number_of_one_time_keys(pointer) }

    /// Makes `count` new one-time keys (unpublished until `markKeysAsPublished`).
    public func generateOneTimeKeys(_ count: Int) throws {
        var random = OlmBuffers.random(olm_account_generate_one_time_keys_random_length(pointer, count))
        _ = try check(
            olm_account_generate_one_time_keys(pointer, count, &random, random.count),
            "olm_account_generate_one_time_keys")
    }

    /// The one-time keys not yet published: key id → Curve25519 public key.
    public func unpublishedOneTimeKeys() throws -> [String: String] {
        var output = [UInt8](repeating: 0, count: olm_account_one_time_keys_length(pointer))
        let count = try check(
            olm_account_one_time_keys(pointer, &output, output.count), "olm_account_one_time_keys")
        struct Keys: Decodable { let curve25519: [String: String] }
        return try JSONDecoder().decode(Keys.self, from: Data(output.prefix(count))).curve25519
    }

    /// Marks the current one-time keys as published (after the homeserver took them).
    public func markKeysAsPublished() {
        _ = olm_account_mark_keys_as_published(pointer)
    }

    /// Forgets the one-time key `session` was created from, so it is never used again.
    public func removeOneTimeKeys(for session: OlmSession) throws {
        _ = try check(olm_remove_one_time_keys(pointer, session.pointer), "olm_remove_one_time_keys")
    }

    private func check(_ result: Int, _ function: String) throws -> Int {
        try OlmBuffers.check(result, function) { OlmBuffers.string(olm_account_last_error(pointer)) }
    }
}

/// A device's public identity keys, as libolm gives them.
public struct OlmIdentityKeys: Sendable, Equatable, Decodable {
    /// The Curve25519 key Olm sessions are made with.
    public let curve25519: String
    /// The Ed25519 key the device signs with.
    public let ed25519: String
}
