/// The event an `m.room.encrypted` room event carried, once decrypted: its type and content replace the
/// envelope's, while the id, sender, time and unsigned data (those the homeserver sees) stay.
extension MatrixEvent {
    public func decrypted(type: String, content: MatrixJSONValue) -> MatrixEvent {
        var event = self
        event.type = type
        event.content = MatrixEventContent.decoded(type: type, content: content)
        return event
    }
}

extension MatrixEventContent {
    /// The content of an event of `type` given as JSON; `.other` when it does not decode as that type.
    public static func decoded(type: String, content: MatrixJSONValue) -> MatrixEventContent {
        let carried = MatrixJSONValue.object(["type": .string(type), "content": content])
        guard let bytes = try? MatrixJSON.encode(carried), let carrier = try? MatrixJSON.decode(Carrier.self, from: bytes)
        else { return .other }
        return carrier.content
    }

    private struct Carrier: Decodable {
        let content: MatrixEventContent
        enum CodingKeys: String, CodingKey { case type, content }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let type = try container.decode(String.self, forKey: .type)
            content = MatrixEventContent.decode(type: type, from: container, forKey: .content, redacts: nil)
        }
    }
}
