import Crypto
import SitrepCore

/// The chain's SHA-256, from swift-crypto (BoringSSL on Linux, CryptoKit on Apple platforms).
public struct SHA256ChainHasher: TimelineChainHasher {
    public init() {}

    public func sha256(_ bytes: UnsafeRawBufferPointer) -> ChainHash {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        let digest = hasher.finalize()
        // A SHA-256 digest is always 32 bytes.
        return digest.withUnsafeBytes { ChainHash(raw: $0)! }
    }
}
