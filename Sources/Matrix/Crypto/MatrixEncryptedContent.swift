/// `m.room.encrypted` content, as a room event (Megolm: one ciphertext) or a to-device event (Olm: a ciphertext
/// per recipient device, by its Curve25519 key).
public struct MatrixEncryptedContent: Sendable, Equatable, Codable {
    public static let megolm = "m.megolm.v1.aes-sha2"
    public static let olm = "m.olm.v1.curve25519-aes-sha2"

    public var algorithm: String?
    /// The sender device's Curve25519 key (always for Olm; deprecated but still sent for Megolm).
    public var senderKey: String?
    /// The Megolm session the message was encrypted with.
    public var sessionID: String?
    public var deviceID: String?
    public var ciphertext: Ciphertext?

    /// A Megolm ciphertext, or Olm ciphertexts by recipient Curve25519 key.
    public enum Ciphertext: Sendable, Equatable, Codable {
        case megolm(String)
        case olm([String: OlmCiphertext])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .megolm(text)
            } else {
                self = .olm(try container.decode([String: OlmCiphertext].self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .megolm(let text): try container.encode(text)
            case .olm(let byKey): try container.encode(byKey)
            }
        }
    }

    /// One Olm message: type 0 (pre-key) or 1, and its base64 body.
    public struct OlmCiphertext: Sendable, Equatable, Codable {
        public var type: Int
        public var body: String

        public init(type: Int, body: String) {
            self.type = type
            self.body = body
        }
    }

    public init(
        algorithm: String?, senderKey: String? = nil, sessionID: String? = nil, deviceID: String? = nil,
        ciphertext: Ciphertext?
    ) {
        self.algorithm = algorithm
        self.senderKey = senderKey
        self.sessionID = sessionID
        self.deviceID = deviceID
        self.ciphertext = ciphertext
    }

    private enum CodingKeys: String, CodingKey {
        case algorithm, ciphertext
        case senderKey = "sender_key"
        case sessionID = "session_id"
        case deviceID = "device_id"
    }
}
