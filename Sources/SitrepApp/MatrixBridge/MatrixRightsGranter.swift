import Logging
import Matrix
import MatrixClient
import SitrepCore

/// Rights in an incident room: the person named lead or given a role is raised to the responder power level
/// (`incidents.grant_chat_rights`), through the homeserver; what the new levels are is `MatrixPowerLevelRaise`'s.
struct MatrixRightsGranter {
    /// The power level sitrep raises a lead or role holder to: what makes a member a responder.
    static let responderLevel: Int64 = 50

    let client: MatrixClient
    let logger: Logger

    /// Raises `userID` (nil: nobody by that name was found) to the responder level in `roomID`: reads the room's
    /// `m.room.power_levels`, sets their entry, writes it back whole. Someone at that level or above is left
    /// alone. When the homeserver refuses (the bot may not change power levels there), it logs a warning and says
    /// so in the room in one line; the command that asked stays done. An unknown person is only logged.
    func raise(
        of userID: String?, named name: String, in roomID: String, transactionID: MatrixTransactionID
    ) async throws {
        guard let userID else {
            logger.warning("matrix power level: no such user", metadata: ["name": "\(name)", "room": "\(roomID)"])
            return
        }
        do {
            let current = try await client.stateContent("m.room.power_levels", in: roomID)
            guard let raised = MatrixPowerLevelRaise.raising(userID, to: Self.responderLevel, in: current) else {
                return
            }
            try await client.setState("m.room.power_levels", to: raised, in: roomID)
            logger.info(
                "matrix power level raised",
                metadata: ["user": "\(userID)", "room": "\(roomID)", "level": "\(Self.responderLevel)"])
        } catch MatrixClientError.rejected(_, 403, let error) {
            logger.warning(
                "matrix power level not raised: sitrep lacks the rights in this room",
                metadata: [
                    "user": "\(userID)", "room": "\(roomID)", "error": "\(error.errcode)",
                ])
            let note = "could not raise \(ChatText.oneLine(name, limit: 64)) to power level \(Self.responderLevel) "
                + "here: sitrep may not change power levels in this room"
            _ = try await client.send(.notice(note), to: roomID, transactionID: transactionID)
        }
    }
}
