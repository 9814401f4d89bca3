/// An event sent to the bot's device (`to_device.events` of `/sync`): room keys arrive as `m.room.encrypted`
/// Olm messages from `sender`'s device.
public struct MatrixToDeviceEvent: Sendable, Equatable, Decodable {
    public var type: String
    public var sender: String
    /// The content of an `m.room.encrypted` event; nil for other types.
    public var encrypted: MatrixEncryptedContent?

    public init(type: String, sender: String, encrypted: MatrixEncryptedContent?) {
        self.type = type
        self.sender = sender
        self.encrypted = encrypted
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        sender = try container.decode(String.self, forKey: .sender)
        encrypted =
            type == "m.room.encrypted" ? try? container.decode(MatrixEncryptedContent.self, forKey: .content) : nil
    }

    private enum CodingKeys: String, CodingKey { case type, sender, content }
}

/// `PUT /sendToDevice/{type}/{txnId}`: content per user and device.
public struct MatrixSendToDeviceRequest<Content: Encodable & Sendable>: Sendable, Encodable {
    public var messages: [String: [String: Content]]

    public init(messages: [String: [String: Content]]) {
        self.messages = messages
    }
}
