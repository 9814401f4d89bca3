import Crypto
import SitrepCore

/// Checks a hook request's credentials in constant time: a bearer token (compared as SHA-256 digests, so
/// neither its bytes nor its length leak through timing) or an HMAC-SHA256 signature over the raw body.
struct HookAuthenticator: Sendable {
    /// The header carrying the body's signature: `X-Sitrep-Signature: sha256=<hex>`.
    static let signatureHeader = "X-Sitrep-Signature"

    private let tokenDigest: SHA256.Digest?
    private let hmacKey: SymmetricKey?

    init(_ configuration: AlertHookConfiguration) {
        tokenDigest = configuration.bearerToken.map { SHA256.hash(data: $0.bytes) }
        hmacKey = configuration.hmacSecret.map { SymmetricKey(data: $0.bytes) }
    }

    /// Whether requests can be checked by signature (the body must be read first).
    var acceptsSignatures: Bool { hmacKey != nil }

    /// Whether `authorization` is `Bearer <the configured token>` (the scheme is case-insensitive).
    func acceptsBearer(_ authorization: String?) -> Bool {
        guard let tokenDigest, let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        let token = parts[1].drop { $0 == " " }
        return SHA256.hash(data: Array(token.utf8)) == tokenDigest
    }

    /// Whether `signature` is `sha256=<hex>` of the HMAC-SHA256 of `body` with the configured key.
    func acceptsSignature(_ signature: String?, body: [UInt8]) -> Bool {
        guard let hmacKey, let signature else { return false }
        let prefix = "sha256="
        guard signature.lowercased().hasPrefix(prefix), let mac = Hex.bytes(signature.dropFirst(prefix.count))
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: hmacKey)
    }

    /// `sha256=<hex>` for `body` signed with `secret`: what a sender puts in the signature header.
    static func signature(of body: [UInt8], secret: String) -> String {
        "sha256="
            + Hex.string(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8))))
    }
}
