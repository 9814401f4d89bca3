/// The parts of a `/sync` response a bot reads: the cursor and, per room, the timeline and state.
///
/// Every section is optional on the wire (an empty long poll has only `next_batch`); missing sections decode as
/// empty. Presence and account data are not read; to-device events, one-time key counts and device list changes
/// are for end-to-end encryption.
public struct MatrixSyncResponse: Sendable, Equatable, Decodable {
    /// Where the next `/sync` continues (`since`); persisted with the events this response delivered.
    public var nextBatch: String
    public var rooms: Rooms
    /// Events sent to the bot's device (room keys, as Olm-encrypted `m.room.encrypted`).
    public var toDevice: [MatrixToDeviceEvent] = []
    /// How many one-time keys of each algorithm the server still holds for the bot's device.
    public var oneTimeKeyCounts: [String: Int] = [:]
    /// Users whose devices changed (to query again) or who share no encrypted room with the bot any more.
    public var deviceLists = DeviceLists()

    /// `device_lists` of `/sync`.
    public struct DeviceLists: Sendable, Equatable, Decodable {
        public var changed: [String] = []
        public var left: [String] = []

        public init(changed: [String] = [], left: [String] = []) {
            self.changed = changed
            self.left = left
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            changed = try container.decodeIfPresent([String].self, forKey: .changed) ?? []
            left = try container.decodeIfPresent([String].self, forKey: .left) ?? []
        }

        private enum CodingKeys: String, CodingKey { case changed, left }
    }

    /// Rooms by the bot's membership.
    public struct Rooms: Sendable, Equatable, Decodable {
        public var join: [String: JoinedRoom]
        public var invite: [String: InvitedRoom]
        public var leave: [String: LeftRoom]

        public init(
            join: [String: JoinedRoom] = [:], invite: [String: InvitedRoom] = [:], leave: [String: LeftRoom] = [:]
        ) {
            self.join = join
            self.invite = invite
            self.leave = leave
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            join = try container.decodeIfPresent([String: JoinedRoom].self, forKey: .join) ?? [:]
            invite = try container.decodeIfPresent([String: InvitedRoom].self, forKey: .invite) ?? [:]
            leave = try container.decodeIfPresent([String: LeftRoom].self, forKey: .leave) ?? [:]
        }

        private enum CodingKeys: String, CodingKey { case join, invite, leave }

        /// Joined and left rooms together, by id: every room with a timeline in this response.
        public var withTimelines: [String: JoinedRoom] {
            join.merging(leave) { joined, _ in joined }
        }
    }

    /// A room the bot is in: the state before the timeline (when the timeline does not reach back to it) and the
    /// timeline itself.
    public struct JoinedRoom: Sendable, Equatable, Decodable {
        public var state: [MatrixEvent]
        public var timeline: Timeline
        /// The public read receipts new in this response (`ephemeral`).
        public var readReceipts: [MatrixReadReceipt]

        public init(state: [MatrixEvent] = [], timeline: Timeline = Timeline(), readReceipts: [MatrixReadReceipt] = []) {
            self.state = state
            self.timeline = timeline
            self.readReceipts = readReceipts
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: RoomKeys.self)
            state = try container.decodeIfPresent(EventList.self, forKey: .state)?.events ?? []
            timeline = try container.decodeIfPresent(Timeline.self, forKey: .timeline) ?? Timeline()
            let ephemeral = try? container.decodeIfPresent(Ephemeral.self, forKey: .ephemeral)
            readReceipts = MatrixReadReceipt.receipts(in: ephemeral?.events ?? [])
        }

        /// `ephemeral`: its events, each skipped rather than failing the sync when it does not decode.
        private struct Ephemeral: Decodable {
            var events: [MatrixReadReceipt.EphemeralEvent]

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                events = try container.decodeIfPresent([Lossy].self, forKey: .events)?.compactMap(\.event) ?? []
            }

            private struct Lossy: Decodable {
                var event: MatrixReadReceipt.EphemeralEvent?
                init(from decoder: any Decoder) throws { event = try? MatrixReadReceipt.EphemeralEvent(from: decoder) }
            }

            private enum CodingKeys: String, CodingKey { case events }
        }
    }

    /// A room the bot has left or was removed from; the timeline ends with that membership change.
    public typealias LeftRoom = JoinedRoom

    /// A pending invite: stripped state (no event ids, no times) telling who invited the bot into what.
    public struct InvitedRoom: Sendable, Equatable, Decodable {
        public var inviteState: [MatrixEvent]

        public init(inviteState: [MatrixEvent]) {
            self.inviteState = inviteState
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: RoomKeys.self)
            inviteState = try container.decodeIfPresent(EventList.self, forKey: .inviteState)?.events ?? []
        }

        /// Who invited `userID` (the sender of its `invite` membership), if the stripped state says.
        public func inviter(of userID: String) -> String? {
            inviteState.last { event in
                guard event.stateKey == userID, case .member(let member) = event.content else { return false }
                return member.membership == "invite"
            }?.sender
        }

        /// True if the room is end-to-end encrypted (its stripped state holds `m.room.encryption`).
        public var isEncrypted: Bool {
            inviteState.contains { if case .encryption = $0.content { true } else { false } }
        }

        /// The room's main alias (`#ops:example.org`), if the stripped state has one.
        public var canonicalAlias: String? {
            inviteState.lazy.compactMap { if case .canonicalAlias(let alias) = $0.content { alias } else { nil } }.last
        }

        /// The room's name, if the stripped state has one.
        public var name: String? {
            inviteState.lazy.compactMap { if case .name(let name) = $0.content { name } else { nil } }.last
        }
    }

    /// A room's timeline slice. `limited` means events between the previous `since` and the first event here
    /// were left out (too many); `prevBatch` is where to page back from (`/rooms/{id}/messages?dir=b`).
    public struct Timeline: Sendable, Equatable, Decodable {
        public var events: [MatrixEvent]
        public var limited: Bool
        public var prevBatch: String?

        public init(events: [MatrixEvent] = [], limited: Bool = false, prevBatch: String? = nil) {
            self.events = events
            self.limited = limited
            self.prevBatch = prevBatch
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: TimelineKeys.self)
            events = try container.decodeIfPresent([LossyEvent].self, forKey: .events)?.compactMap(\.event) ?? []
            limited = try container.decodeIfPresent(Bool.self, forKey: .limited) ?? false
            prevBatch = try container.decodeIfPresent(String.self, forKey: .prevBatch)
        }

        private enum TimelineKeys: String, CodingKey {
            case events, limited
            case prevBatch = "prev_batch"
        }
    }

    public init(nextBatch: String, rooms: Rooms = Rooms()) {
        self.nextBatch = nextBatch
        self.rooms = rooms
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nextBatch = try container.decode(String.self, forKey: .nextBatch)
        rooms = try container.decodeIfPresent(Rooms.self, forKey: .rooms) ?? Rooms()
        toDevice = try container.decodeIfPresent(ToDevice.self, forKey: .toDevice)?.events ?? []
        oneTimeKeyCounts = try container.decodeIfPresent([String: Int].self, forKey: .oneTimeKeyCounts) ?? [:]
        deviceLists = try container.decodeIfPresent(DeviceLists.self, forKey: .deviceLists) ?? DeviceLists()
    }

    private enum CodingKeys: String, CodingKey {
        case rooms
        case nextBatch = "next_batch"
        case toDevice = "to_device"
        case oneTimeKeyCounts = "device_one_time_keys_count"
        case deviceLists = "device_lists"
    }

    /// `to_device`: its events, each skipped rather than failing the sync when it does not decode.
    private struct ToDevice: Decodable {
        var events: [MatrixToDeviceEvent]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            events = try container.decodeIfPresent([Lossy].self, forKey: .events)?.compactMap(\.event) ?? []
        }

        private struct Lossy: Decodable {
            var event: MatrixToDeviceEvent?
            init(from decoder: any Decoder) throws { event = try? MatrixToDeviceEvent(from: decoder) }
        }

        private enum CodingKeys: String, CodingKey { case events }
    }

    private enum RoomKeys: String, CodingKey {
        case state, timeline, ephemeral
        case inviteState = "invite_state"
    }

    private struct EventList: Decodable {
        var events: [MatrixEvent]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            events = try container.decodeIfPresent([LossyEvent].self, forKey: .events)?.compactMap(\.event) ?? []
        }

        private enum CodingKeys: String, CodingKey { case events }
    }
}

/// One element of an event list: an event without a type or a sender is skipped, not allowed to fail the sync.
private struct LossyEvent: Decodable {
    var event: MatrixEvent?

    init(from decoder: any Decoder) throws {
        event = try? MatrixEvent(from: decoder)
    }
}

extension MatrixSyncResponse.JoinedRoom {
    /// True if the room is end-to-end encrypted as far as this slice shows (`m.room.encryption` in its state or
    /// timeline). A room that was already encrypted before an incremental slice shows nothing here: the caller
    /// remembers encrypted rooms across syncs.
    public var showsEncryption: Bool {
        (state + timeline.events).contains { if case .encryption = $0.content { true } else { false } }
    }
}
