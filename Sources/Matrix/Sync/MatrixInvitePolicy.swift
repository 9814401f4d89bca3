/// Whether the bot accepts an invite: the pure rule the Matrix edge applies to every `rooms.invite` entry.
///
/// The bot joins rooms the operator configured (by room id or alias) and rooms it is invited to by someone
/// holding a configured role; it declines the rest. Without an encryption key configured it cannot read end-to-end
/// encrypted rooms, so for an encrypted room it would accept it joins only to say so, then leaves: nothing stays
/// half-joined or silently unrecorded. With one (`readsEncryptedRooms`) it joins them like any other.
public struct MatrixInvitePolicy: Sendable, Equatable {
    /// What to do with one invite.
    public enum Decision: Sendable, Equatable {
        case join
        /// Join, post `MatrixInvitePolicy.encryptedRoomNotice`, log it, and leave.
        case explainEncryptedAndLeave
        /// Reject the invite (`POST /rooms/{id}/leave`).
        case decline
    }

    /// The notice the bot posts in an encrypted room before leaving it.
    public static let encryptedRoomNotice =
        "This room is end-to-end encrypted and this sitrep has no encryption key configured, so it cannot record or "
        + "answer here. Ask its operator to set matrix.encryption_key_file, or create a room without encryption (in "
        + "Element: Create room, then turn off \"Enable end-to-end encryption\"; it cannot be turned off later) and "
        + "invite sitrep there."

    /// Why the bot declines an invite, sent with the decline so the inviter is not left guessing.
    public static let declineReason =
        "sitrep joins only the rooms in its configuration (matrix.rooms) and rooms a responder or commander "
        + "invites it to"

    /// Why the bot leaves an encrypted room it joined to explain itself.
    public static let encryptedLeaveReason = "end-to-end encrypted: sitrep cannot read or record this room"

    /// Room ids and aliases from the configuration.
    public var configuredRooms: Set<String>
    /// Whether the bot has an encryption key and so reads encrypted rooms.
    public var readsEncryptedRooms: Bool

    public init(configuredRooms: Set<String>, readsEncryptedRooms: Bool = false) {
        self.configuredRooms = configuredRooms
        self.readsEncryptedRooms = readsEncryptedRooms
    }

    /// The decision for the invite to `roomID` described by `invite`, sent to `botUserID`; `inviterHasRole` says
    /// whether the inviter holds a configured role (responder, commander) on this network.
    public func decide(
        roomID: String, invite: MatrixSyncResponse.InvitedRoom, botUserID: String,
        inviterHasRole: (String) -> Bool
    ) -> Decision {
        let configured =
            configuredRooms.contains(roomID) || invite.canonicalAlias.map(configuredRooms.contains) == true
        let invitedByRole = invite.inviter(of: botUserID).map(inviterHasRole) == true
        guard configured || invitedByRole else { return .decline }
        return invite.isEncrypted && !readsEncryptedRooms ? .explainEncryptedAndLeave : .join
    }
}
