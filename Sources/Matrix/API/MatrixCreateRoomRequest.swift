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
    /// Created end-to-end encrypted (`m.room.encryption` in its initial state); sitrep never does this itself,
    /// tests do, to see it refuse such a room.
    public var encrypted: Bool

    public init(
        name: String? = nil, topic: String? = nil, invite: [String] = [], aliasLocalpart: String? = nil,
        preset: String = "private_chat", isDirect: Bool = false, encrypted: Bool = false
    ) {
        self.isDirect = isDirect
        self.encrypted = encrypted
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
        case initialState = "initial_state"
    }

    private struct InitialState: Encodable {
        struct Content: Encodable { let algorithm = "m.megolm.v1.aes-sha2" }
        let type = "m.room.encryption"
        let state_key = ""
        let content = Content()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(topic, forKey: .topic)
        try container.encode(invite, forKey: .invite)
        try container.encodeIfPresent(aliasLocalpart, forKey: .aliasLocalpart)
        try container.encode(preset, forKey: .preset)
        try container.encode(isDirect, forKey: .isDirect)
        if encrypted { try container.encode([InitialState()], forKey: .initialState) }
    }
}
