/// `POST /_matrix/client/v3/createRoom`: a private room (an incident room) with a name, a topic, people invited
/// and optionally a local alias (`#inc-7:server` from `aliasLocalpart` `inc-7`).
public struct MatrixCreateRoomRequest: Sendable, Equatable, Encodable {
    public var name: String?
    public var topic: String?
    public var invite: [String]
    public var aliasLocalpart: String?
    /// `private_chat` (invite only) unless the operator says otherwise.
    public var preset: String
    /// A direct-message room (`is_direct`), as the bot makes to page one person.
    public var isDirect: Bool

    public init(
        name: String? = nil, topic: String? = nil, invite: [String] = [], aliasLocalpart: String? = nil,
        preset: String = "private_chat", isDirect: Bool = false
    ) {
        self.isDirect = isDirect
        self.name = name
        self.topic = topic
        self.invite = invite
        self.aliasLocalpart = aliasLocalpart
        self.preset = preset
    }

    private enum CodingKeys: String, CodingKey {
        case name, topic, invite, preset
        case aliasLocalpart = "room_alias_name"
        case isDirect = "is_direct"
    }
}
