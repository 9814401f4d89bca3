import COlm

/// Checks Ed25519 signatures of other devices (their signed device and one-time keys) with libolm's utility.
public enum Ed25519Verifier {
    /// Whether `signature` (unpadded base64) is `key`'s signature of `message`.
    public static func isValid(signature: String, of message: String, by key: String) -> Bool {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: olm_utility_size(), alignment: 16)
        let utility = olm_utility(memory)
        defer {
            olm_clear_utility(utility)
            memory.deallocate()
        }
        let keyBytes = Array(key.utf8)
        let messageBytes = Array(message.utf8)
        var signatureBytes = Array(signature.utf8)
        return olm_ed25519_verify(
            utility, keyBytes, keyBytes.count, messageBytes, messageBytes.count, &signatureBytes,
            signatureBytes.count) != olm_error()
    }
}
