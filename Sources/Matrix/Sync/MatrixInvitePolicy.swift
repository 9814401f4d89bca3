/// Whether the bot accepts an invite: the pure rule the Matrix edge applies to every `rooms.invite` entry.
///
/// The bot joins rooms the operator configured (by room id or alias) and rooms it is invited to by someone
/// holding a configured role; it declines the rest. It cannot read end-to-end encrypted rooms, so for an
/// encrypted room it would accept it joins only to say so, then leaves: nothing stays half-joined or silently
/// unrecorded.
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
        "This room is end-to-end encrypted and sitrep cannot read encrypted messages yet, so it cannot record or "
        + "answer here. Create a room without encryption (in Element: Create room, then turn off \"Enable "
        + "end-to-end encryption\"; it cannot be turned off later) and invite sitrep there."

    /// Room ids and aliases from the configuration.
    public var configuredRooms: Set<String>

    public init(configuredRooms: Set<String>) {
        self.configuredRooms = configuredRooms
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
        return invite.isEncrypted ? .explainEncryptedAndLeave : .join
    }
}
