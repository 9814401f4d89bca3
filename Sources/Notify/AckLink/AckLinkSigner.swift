import Crypto
import Foundation

/// Makes and checks the signed tokens in acknowledge links: `base64url(claims JSON) "." base64url(HMAC-SHA256)`,
/// URL-safe without escaping. The MAC covers a version label and the payload; it is compared in constant time.
/// Expiry is checked against the `now` passed in; single use is not this type's job (see `AckClaims`).
public struct AckLinkSigner: Sendable {
    /// Fewer secret bytes than this are refused.
    public static let minimumSecretLength = 32
    static let label = Array("sitrep-ack-v1.".utf8)
    /// Tokens longer than this are not even decoded.
    static let maximumTokenLength = 1024

    private let key: SymmetricKey

    /// Why a secret cannot sign links.
    public enum SecretProblem: Error, Sendable, Equatable, CustomStringConvertible {
        case tooShort(bytes: Int)
        public var description: String {
            switch self {
            case .tooShort(let bytes):
                "the acknowledge link secret has \(bytes) bytes; give at least \(AckLinkSigner.minimumSecretLength) (e.g. `openssl rand -hex 32`)"
            }
        }
    }

    public init(secret: some DataProtocol) throws(SecretProblem) {
        guard secret.count >= Self.minimumSecretLength else { throw .tooShort(bytes: secret.count) }
        key = SymmetricKey(data: Array(secret))
    }

    /// The token for `claims`.
    public func sign(_ claims: AckClaims) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let payload = Array((try? encoder.encode(claims)) ?? Data())
        let mac = HMAC<SHA256>.authenticationCode(for: Self.label + payload, using: key)
        return Base64URL.encode(payload) + "." + Base64URL.encode(Array(mac))
    }

    /// The claims of a token this signer made, if it is intact and `now` is before its expiry.
    public func verify(token: String, now: Date) -> Result<AckClaims, AckLinkRejection> {
        guard token.utf8.count <= Self.maximumTokenLength else { return .failure(.malformed) }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(parts[0]), let mac = Base64URL.decode(parts[1]),
            mac.count == SHA256.byteCount
        else { return .failure(.malformed) }
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Self.label + payload, using: key) else {
            return .failure(.badSignature)
        }
        guard let claims = try? JSONDecoder().decode(AckClaims.self, from: Data(payload)) else {
            return .failure(.malformed)
        }
        guard now < claims.expires else { return .failure(.expired(claims)) }
        return .success(claims)
    }
}

/// Base64 with the URL alphabet (`-`, `_`) and no padding (RFC 4648 §5).
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: Substring) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.allSatisfy({ isAlphabet($0) }) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).map { Array($0) }
    }

    private static func isAlphabet(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
