import Crypto
import SitrepCore

/// SHA-256 for the timeline chain, from swift-crypto: the same function the SQLite store uses, so both backends
/// chain the same entries to the same hashes.
struct PostgresChainHasher: TimelineChainHasher {
    func sha256(_ bytes: UnsafeRawBufferPointer) -> ChainHash {
        // A SHA-256 digest is always 32 bytes.
        SHA256.hash(data: bytes).withUnsafeBytes { ChainHash(raw: $0)! }
    }
}
