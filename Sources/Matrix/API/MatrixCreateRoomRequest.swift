/// `POST /_matrix/client/v3/createRoom`: a private room (an incident room) with a name, a topic, people invited,
/// optionally open to the members of other rooms (the `restricted` join rule), and optionally a local alias (`#inc-7:server` from `aliasLocalpart` `inc-7`).
public struct MatrixCreateRoomRequest: Sendable, Equatable, Encodable {
    public var name: String?
    public var topic: String?
    public var invite: [String]
    public var aliasLocalpart: String?
    /// `private_chat` (invite only) unless the operator says otherwise.
    public var preset: String
    /// A direct-message room (`is_direct`), as the bot makes to page one person.
    public var isDirect: Bool
    /// Created end-to-end encrypted (`m.room.encryption` in its initial state): an incident room declared from an
    /// encrypted room when sitrep has an encryption key (`matrix.incident_room_encryption`).
    public var encrypted: Bool
    /// Rooms whose members may join without an invitation (the `restricted` join rule, room version 10); empty:
    /// the preset's rule (invite only for `private_chat`).
    public var joinRestrictedTo: [String]
    /// The room version asked for when a join rule needs one.
    public static let restrictedRoomVersion = "10"

    public init(
        name: String? = nil, topic: String? = nil, invite: [String] = [], aliasLocalpart: String? = nil,
        preset: String = "private_chat", isDirect: Bool = false, encrypted: Bool = false,
        joinRestrictedTo: [String] = []
    ) {
        self.joinRestrictedTo = joinRestrictedTo
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
        case roomVersion = "room_version"
        case powerLevelOverride = "power_level_content_override"
    }

    /// The state events the room starts with: its encryption and its join rule, as asked.
    var initialState: [MatrixJSONValue] {
        var events: [MatrixJSONValue] = []
        if encrypted {
            events.append(
                .object([
                    "type": .string("m.room.encryption"), "state_key": .string(""),
                    "content": .object(["algorithm": .string("m.megolm.v1.aes-sha2")]),
                ]))
        }
        if !joinRestrictedTo.isEmpty {
            let allow = joinRestrictedTo.map { roomID in
                MatrixJSONValue.object(["type": .string("m.room_membership"), "room_id": .string(roomID)])
            }
            events.append(
                .object([
                    "type": .string("m.room.join_rules"), "state_key": .string(""),
                    "content": .object(["join_rule": .string("restricted"), "allow": .array(allow)]),
                ]))
        }
        return events
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(topic, forKey: .topic)
        try container.encode(invite, forKey: .invite)
        try container.encodeIfPresent(aliasLocalpart, forKey: .aliasLocalpart)
        // A restricted room is created from the public preset, its join rule replaced by `initial_state`: a
        // homeserver that encrypts new private rooms by default (Synapse's
        // `encryption_enabled_by_default_for_room_type: invite`) would otherwise make it unreadable to sitrep.
        try container.encode(joinRestrictedTo.isEmpty ? preset : "public_chat", forKey: .preset)
        if !joinRestrictedTo.isEmpty {
            // As `private_chat` has it: any member may invite (the public preset leaves it to the server).
            try container.encode(["invite": 0], forKey: .powerLevelOverride)
        }
        try container.encode(isDirect, forKey: .isDirect)
        let initialState = initialState
        if !initialState.isEmpty { try container.encode(initialState, forKey: .initialState) }
        if !joinRestrictedTo.isEmpty { try container.encode(Self.restrictedRoomVersion, forKey: .roomVersion) }
    }
}
