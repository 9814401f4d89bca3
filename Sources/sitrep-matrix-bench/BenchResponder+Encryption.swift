import Foundation
import Matrix
import MatrixClient
import MatrixE2EE

/// The responder's end-to-end encryption for `--encrypted` runs: its device (sitrep's own `MatrixDeviceCrypto`,
/// as a second device would use it) publishes keys, shares one Megolm key per room with the bot's devices over Olm
/// (never rotated during the run, so the flood measures sitrep's side), encrypts what it says and decrypts what it
/// syncs. The device is not thread-safe: every use holds `lock`.
final class BenchEncryption: @unchecked Sendable {
    let crypto: MatrixDeviceCrypto
    private let lock = NSLock()
    private(set) var rooms: Set<String> = []

    /// A device for `userID`/`deviceID` whose keys are uploaded through `client`.
    init(client: MatrixClient, userID: String, deviceID: String) async throws {
        crypto = try MatrixDeviceCrypto(userID: userID, deviceID: deviceID)
        if let keys = try crypto.keysToUpload(serverCount: 0) {
            _ = try await client.uploadKeys(keys)
            crypto.published()
        }
    }

    /// Shares this device's key for `roomID` with the devices of `members` (Olm sessions opened with claimed
    /// one-time keys); from then on `roomID` is spoken in encrypted.
    func shareRoomKey(in roomID: String, with members: [String], through client: MatrixClient) async throws {
        let found = try await client.queryKeys(of: members)
        let devices = members.flatMap { (found.deviceKeys[$0] ?? [:]).values }
        let due = try lock.withLock {
            try crypto.devicesToShare(
                roomID: roomID, members: Set(members), devices: devices, now: 0,
                rotation: MatrixDeviceCrypto.Rotation(messages: Int.max))
        }
        let withoutSession = lock.withLock { due.filter { !crypto.hasSession(with: $0) } }
        if !withoutSession.isEmpty {
            let claimed = try await client.claimKeys(
                MatrixKeysClaimRequest(devices: withoutSession.map { ($0.userID, $0.deviceID) }))
            try lock.withLock {
                for device in withoutSession {
                    guard let key = claimed.oneTimeKeys[device.userID]?[device.deviceID]?.values.first else { continue }
                    try crypto.startSession(with: device, oneTimeKey: key)
                }
            }
        }
        let messages = try lock.withLock { try crypto.roomKeyMessages(roomID: roomID, to: due.filter { crypto.hasSession(with: $0) }) }
        if !messages.isEmpty {
            try await client.sendToDevice(
                MatrixSendToDeviceRequest(messages: messages), eventType: "m.room.encrypted",
                transactionID: MatrixTransactionID(parts: ["bench-key", crypto.deviceID, roomID]))
        }
        lock.withLock { _ = rooms.insert(roomID) }
    }

    /// `text` as an encrypted `m.text` for `roomID`, nil when the room is not spoken in encrypted.
    func encrypted(_ text: String, in roomID: String) throws -> MatrixEncryptedContent? {
        try lock.withLock {
            guard rooms.contains(roomID) else { return nil }
            let content = MatrixJSONValue.object(["msgtype": .string("m.text"), "body": .string(text)])
            return try crypto.encrypt(type: "m.room.message", content: content, in: roomID)
        }
    }

    /// `response` with its room keys taken and its encrypted room events decrypted where a key is known.
    func opened(_ response: MatrixSyncResponse) -> MatrixSyncResponse {
        lock.withLock {
            _ = crypto.receive(response.toDevice)
            var opened = response
            for (roomID, room) in response.rooms.join {
                opened.rooms.join[roomID]?.timeline.events = room.timeline.events.map { event in
                    guard case .encrypted(let content) = event.content,
                        case .success(let plaintext) = crypto.decrypt(content, in: roomID)
                    else { return event }
                    return event.decrypted(type: plaintext.type, content: plaintext.content)
                }
            }
            return opened
        }
    }
}
