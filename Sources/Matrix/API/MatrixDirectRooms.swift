/// The `m.direct` account data (`GET`/`PUT /user/{userId}/account_data/m.direct`): for each person, the rooms
/// that are direct chats with them. Clients read it to show a room as a direct message; sitrep reads it to page a
/// person in the same room after a restart, and records each room it opens (newest first).
public struct MatrixDirectRooms: Sendable, Equatable, Codable {
    /// The account data type.
    public static let type = "m.direct"

    /// User id → room ids.
    public private(set) var roomsByUser: [String: [String]]

    public init(_ roomsByUser: [String: [String]] = [:]) {
        self.roomsByUser = roomsByUser
    }

    /// The content is the map itself. A value that is not a list of strings (another client's mistake) is
    /// skipped, not fatal: the rest still counts.
    public init(from decoder: any Decoder) throws {
        let lossy = try decoder.singleValueContainer().decode([String: LossyRoomList].self)
        roomsByUser = lossy.compactMapValues(\.rooms)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(roomsByUser)
    }

    /// The rooms recorded as direct chats with `userID`, in the recorded order.
    public func rooms(with userID: String) -> [String] {
        roomsByUser[userID] ?? []
    }

    /// Records `roomID` as the newest direct chat with `userID` (once: an earlier mention moves to the front).
    public mutating func record(_ roomID: String, with userID: String) {
        roomsByUser[userID] = [roomID] + rooms(with: userID).filter { $0 != roomID }
    }

    /// A list that decodes to nil when it is not a list of strings.
    private struct LossyRoomList: Decodable {
        var rooms: [String]?

        init(from decoder: any Decoder) throws {
            rooms = try? decoder.singleValueContainer().decode([String].self)
        }
    }
}
