import Matrix
import SitrepCore

/// Direct-message rooms: the room the bot pages a person in (found again across restarts through `m.direct`,
/// created encrypted when they can read it), and the read receipts that say a page there was read.
extension MatrixChatNetwork {
    /// The read receipts of `response` that say a person read their direct-message room with the bot (the room
    /// it pages them in, or any room of just the two of them, as after a restart): who, and when.
    public func directReads(in response: MatrixSyncResponse) -> [(userID: String, at: Timestamp)] {
        let reads = state.withLock { state in
            state.directory.directReads(in: response, directRooms: state.directRooms, botUserID: botUserID)
        }
        return reads.map { ($0.userID, $0.milliseconds.map(Timestamp.init(milliseconds:)) ?? clock()) }
    }

    /// The bot's direct-message room with `userID`: the one it paged them in before (this run, else the newest in
    /// its `m.direct` account data, so a restart does not open another), while they are in it or invited; else a
    /// new one, recorded in `m.direct`.
    func directRoom(with userID: String) async throws -> String {
        let known = state.withLock { state in
            state.directRooms[userID].flatMap { state.directory.hasLeft(userID, roomID: $0) ? nil : $0 }
        }
        if let known { return known }
        let roomID: String
        if let stored = await storedDirectRoom(with: userID) {
            roomID = stored
        } else {
            roomID = try await newDirectRoom(with: userID)
        }
        state.withLock { $0.directRooms[userID] = roomID }
        return roomID
    }

    /// The newest room `m.direct` records with `userID` that the bot is joined to and they are in or invited to.
    /// Nil when there is none, or the homeserver cannot tell (then a new room is better than no page).
    func storedDirectRoom(with userID: String) async -> String? {
        do {
            let stored = try await client.directRooms().rooms(with: userID)
            guard !stored.isEmpty else { return nil }
            let joined = Set(try await client.joinedRooms())
            for roomID in stored where joined.contains(roomID) {
                learn(state: try await client.roomState(roomID), in: roomID)
                if state.withLock({ $0.directory.isMember(userID, of: roomID) }) { return roomID }
            }
        } catch {
            logger.warning("matrix m.direct unreadable", metadata: ["user": "\(userID)", "error": "\(error)"])
        }
        return nil
    }

    /// Learns the state of a room the bot just created (its encryption, who is invited) from the homeserver.
    func learnState(of roomID: String) async {
        do { learn(state: try await client.roomState(roomID), in: roomID) } catch {
            logger.warning("matrix room state unreadable", metadata: ["room": "\(roomID)", "error": "\(error)"])
        }
    }

    /// Creates a direct-message room with `userID` (inviting them) and records it in `m.direct`. With an
    /// encryption key the room is end-to-end encrypted when they have a device that takes encrypted messages (as
    /// Element decides), or always (`incident_room_encryption: always`); never with `never`. Its state is learned
    /// at once, so the first page already goes encrypted, its key shared with the invited person's devices.
    func newDirectRoom(with userID: String) async throws -> String {
        var encrypted = false
        if let crypto, incidentRoomEncryption != .never {
            encrypted = incidentRoomEncryption == .always
            if !encrypted { encrypted = await crypto.takesEncryptedMessages(userID) }
        }
        let roomID = try await client.createRoom(
            MatrixCreateRoomRequest(invite: [userID], preset: "trusted_private_chat", isDirect: true, encrypted: encrypted))
        await learnState(of: roomID)
        do {
            var direct = try await client.directRooms()
            direct.record(roomID, with: userID)
            try await client.setDirectRooms(direct)
        } catch {
            logger.warning(
                "matrix m.direct not updated",
                metadata: ["user": "\(userID)", "room": "\(roomID)", "error": "\(error)"])
        }
        logger.info("matrix direct-message room created", metadata: ["user": "\(userID)", "room": "\(roomID)"])
        return roomID
    }
}
