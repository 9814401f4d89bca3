import Matrix

/// The plaintext of an Olm to-device message: the event it carries, and who it is from and for (checked on
/// receipt so a message cannot be replayed to another device or claimed by another sender).
public struct OlmPayload<Content: Codable & Sendable & Equatable>: Sendable, Equatable, Codable {
    public var type: String
    public var content: Content
    public var sender: String
    public var recipient: String
    /// `ed25519` of the recipient device.
    public var recipientKeys: [String: String]
    /// `ed25519` of the sender device.
    public var keys: [String: String]

    public init(
        type: String, content: Content, sender: String, recipient: String, recipientEd25519: String,
        senderEd25519: String
    ) {
        self.type = type
        self.content = content
        self.sender = sender
        self.recipient = recipient
        self.recipientKeys = ["ed25519": recipientEd25519]
        self.keys = ["ed25519": senderEd25519]
    }

    private enum CodingKeys: String, CodingKey {
        case type, content, sender, recipient, keys
        case recipientKeys = "recipient_keys"
    }
}

/// `m.room_key`: a Megolm session key for a room, shared over Olm.
public struct MatrixRoomKey: Sendable, Equatable, Codable {
    public var algorithm: String
    public var roomID: String
    public var sessionID: String
    public var sessionKey: String

    public init(roomID: String, sessionID: String, sessionKey: String) {
        self.algorithm = MatrixEncryptedContent.megolm
        self.roomID = roomID
        self.sessionID = sessionID
        self.sessionKey = sessionKey
    }

    private enum CodingKeys: String, CodingKey {
        case algorithm
        case roomID = "room_id"
        case sessionID = "session_id"
        case sessionKey = "session_key"
    }
}
