import Matrix

/// What the bot knows of its Matrix rooms, learned from `/sync`: who is in each room under which display name,
/// the power levels, the creators (room version 12 puts them above every level), whether the room is encrypted,
/// and the aliases it was reached by. A pure value: `MatrixChatNetwork` keeps one behind a lock.
public struct MatrixRoomDirectory: Sendable {
    /// One room as the bot knows it.
    struct Room: Sendable {
        /// Joined (and invited) members: user id → display name (nil when none is set).
        var members: [String: String?] = [:]
        var powerLevels = MatrixPowerLevels()
        /// Users with unlimited power in room version 12 and later.
        var creators: Set<String> = []
        var isEncrypted = false
        /// How often the room wants its keys replaced, from its `m.room.encryption`.
        var rotation = MatrixRotationPeriod()
        /// Who created the room (the sender of `m.room.create`), once the bot has seen it.
        var creator: String?
    }

    /// The level from which a member counts as a responder, as a channel operator does on IRC.
    public static let operatorLevel = 50

    private(set) var rooms: [String: Room] = [:]
    /// Room aliases (`#ops:example.org`) the bot resolved, to their room ids.
    private(set) var aliases: [String: String] = [:]

    public init() {}

    /// Learns from a whole `/sync` response; returns the rooms seen to turn encrypted in it (sorted), which were
    /// not known as encrypted before.
    public mutating func absorb(_ response: MatrixSyncResponse) -> [String] {
        var newlyEncrypted: [String] = []
        for (roomID, room) in response.rooms.join.sorted(by: { $0.key < $1.key }) {
            let wasEncrypted = rooms[roomID]?.isEncrypted ?? false
            for event in room.state + room.timeline.events { learn(event, in: roomID) }
            if !wasEncrypted && rooms[roomID]?.isEncrypted == true { newlyEncrypted.append(roomID) }
        }
        for roomID in response.rooms.leave.keys { rooms[roomID] = nil }
        return newlyEncrypted
    }

    /// Learns from one state or timeline event of `roomID`.
    public mutating func learn(_ event: MatrixEvent, in roomID: String) {
        var room = rooms[roomID] ?? Room()
        switch event.content {
        case .member(let member):
            guard let userID = event.stateKey else { return }
            if member.membership == "join" || member.membership == "invite" {
                room.members[userID] = .some(member.displayName)
            } else {
                room.members[userID] = nil
            }
        case .powerLevels(let levels):
            room.powerLevels = levels
        case .create(let create):
            room.creator = event.sender
            if let version = create.roomVersion.flatMap({ Int($0) }), version >= 12 {
                room.creators = Set([event.sender] + (create.additionalCreators ?? []))
            }
        case .encryption(_, let rotation):
            room.isEncrypted = true
            room.rotation = rotation
        case .canonicalAlias(let alias?):
            aliases[alias] = roomID
        default:
            break
        }
        rooms[roomID] = room
    }

    /// Records that `alias` leads to `roomID` (learned from a join).
    public mutating func remember(alias: String, roomID: String) {
        aliases[alias] = roomID
    }

    /// The key a room compares by: its first known alias (aliases name incident rooms before they exist), else
    /// the name as given.
    public func key(for name: String) -> String {
        guard name.hasPrefix("!") else { return name }
        return aliases.filter { $0.value == name }.keys.min() ?? name
    }

    /// The room id for a room id or a known alias.
    public func roomID(for target: String) -> String? {
        target.hasPrefix("!") ? target : aliases[target]
    }

    /// How often `roomID` wants its Megolm keys replaced (nothing said: the defaults apply).
    public func rotation(of roomID: String) -> MatrixRotationPeriod {
        rooms[roomID]?.rotation ?? MatrixRotationPeriod()
    }

    public func isEncrypted(_ roomID: String) -> Bool {
        rooms[roomID]?.isEncrypted ?? false
    }

    /// The member of `roomID` that `name` designates: their user id, their display name (case-insensitively)
    /// or their localpart.
    public func userID(named name: String, in roomID: String) -> String? {
        guard let room = rooms[roomID] else { return MatrixUserID(name)?.rawValue }
        if room.members[name] != nil { return name }
        let wanted = name.lowercased()
        let byName = room.members.keys.sorted().first { room.members[$0]??.lowercased() == wanted }
        return byName
            ?? room.members.keys.sorted().first { MatrixUserID($0)?.localpart.lowercased() == wanted }
    }

    /// The user a name given to a command designates: a user id as is, else a member of `roomID` by display name
    /// or localpart, else one of any room the bot is in (rooms in id order).
    public func userID(named name: String, near roomID: String) -> String? {
        if MatrixUserID(name) != nil { return name }
        if let found = userID(named: name, in: roomID) { return found }
        for room in rooms.keys.sorted() {
            if let found = userID(named: name, in: room) { return found }
        }
        return nil
    }

    /// The rooms whose members may join a new incident room without an invitation: the configured `accessRooms`
    /// (ids or known aliases) and the rooms people brought the bot into (so the room a declaration came from), not
    /// its own incident rooms nor the `directRooms` it pages people in. Sorted.
    public func roomsWhoseMembersMayJoin(accessRooms: [String], directRooms: Set<String>, botUserID: String) -> [String] {
        let configured = accessRooms.compactMap { roomID(for: $0) }
        let broughtIn = rooms(createdByOthersThan: botUserID).filter { !directRooms.contains($0) }
        return Array(Set(configured + broughtIn)).sorted()
    }

    /// The read receipts of `response` that say a person read their direct-message room with `botUserID`: the
    /// room `directRooms` (user id → room id) gives for them, or any room of just the two of them (as after a
    /// restart). Who, and when (milliseconds, when the receipt says), rooms in id order.
    public func directReads(in response: MatrixSyncResponse, directRooms: [String: String], botUserID: String)
        -> [(userID: String, milliseconds: Int64?)]
    {
        response.rooms.join.sorted { $0.key < $1.key }.flatMap { roomID, room in
            room.readReceipts.compactMap { receipt -> (userID: String, milliseconds: Int64?)? in
                guard receipt.userID != botUserID else { return nil }
                let members = Set(members(of: roomID).map(\.userID))
                guard directRooms[receipt.userID] == roomID || members == [botUserID, receipt.userID] else { return nil }
                return (receipt.userID, receipt.timestamp)
            }
        }
    }

    /// The display name `userID` has in `roomID`, if they set one.
    public func displayName(of userID: String, in roomID: String) -> String? {
        rooms[roomID]?.members[userID].flatMap { $0 }
    }

    /// Whether `userID` is joined to or invited into `roomID`, as far as the bot knows.
    public func isMember(_ userID: String, of roomID: String) -> Bool {
        rooms[roomID]?.members[userID] != nil
    }

    /// Whether `userID` is known to have left `roomID` (or was never in it): false for a room the bot knows
    /// nothing of yet (one it just created, before the sync that shows it).
    public func hasLeft(_ userID: String, roomID: String) -> Bool {
        rooms[roomID] != nil && !isMember(userID, of: roomID)
    }

    /// Whether `userID` has power level 50 or more in `roomID`, or created a room of version 12 or later.
    public func isOperator(_ userID: String, in roomID: String) -> Bool {
        guard let room = rooms[roomID] else { return false }
        return room.creators.contains(userID) || room.powerLevels.level(of: userID) >= Self.operatorLevel
    }

    /// The rooms the bot is in that someone other than `userID` created (the rooms people brought the bot into,
    /// not the incident and direct-message rooms it made itself), sorted.
    public func rooms(createdByOthersThan userID: String) -> [String] {
        rooms.filter { $0.value.creator.map { $0 != userID } ?? false }.keys.sorted()
    }

    /// Members of `roomID` with the name to address them by (display name, else localpart), by user id.
    public func members(of roomID: String) -> [(userID: String, name: String)] {
        guard let room = rooms[roomID] else { return [] }
        return room.members.keys.sorted().map { userID in
            (userID, room.members[userID].flatMap { $0 } ?? MatrixUserID(userID).map { String($0.localpart) } ?? userID)
        }
    }
}
