/// One user's public read receipt in a room (`m.receipt`, receipt type `m.read`): they have read up to `eventID`,
/// reported at `timestamp` (milliseconds since the epoch, the homeserver's clock). The bot reads them in its
/// direct-message rooms to know whether a page was read. Private receipts (`m.read.private`) are never shared with
/// the bot.
public struct MatrixReadReceipt: Sendable, Equatable {
    public var userID: String
    public var eventID: String
    public var timestamp: Int64?

    public init(userID: String, eventID: String, timestamp: Int64?) {
        self.userID = userID
        self.eventID = eventID
        self.timestamp = timestamp
    }

    /// The receipts of one room's `ephemeral.events` in a `/sync` response: every `m.read` of every `m.receipt`
    /// event, ordered by user and event id; anything else (typing, other receipt types, unreadable content) is
    /// left out.
    static func receipts(in events: [EphemeralEvent]) -> [MatrixReadReceipt] {
        var found: [MatrixReadReceipt] = []
        for event in events where event.type == "m.receipt" {
            for (eventID, byType) in event.content ?? [:] {
                for (userID, receipt) in byType["m.read"] ?? [:] {
                    found.append(MatrixReadReceipt(userID: userID, eventID: eventID, timestamp: receipt.ts))
                }
            }
        }
        return found.sorted { ($0.userID, $0.eventID) < ($1.userID, $1.eventID) }
    }

    /// An ephemeral event as far as receipts go: `{"type": "m.receipt", "content": {event id: {receipt type:
    /// {user id: {"ts": …}}}}}`.
    struct EphemeralEvent: Decodable {
        var type: String
        var content: [String: [String: [String: Receipt]]]?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decode(String.self, forKey: .type)
            content = type == "m.receipt"
                ? try? container.decodeIfPresent([String: [String: [String: Receipt]]].self, forKey: .content) : nil
        }

        private enum CodingKeys: String, CodingKey { case type, content }
    }

    struct Receipt: Decodable {
        var ts: Int64?
    }
}
