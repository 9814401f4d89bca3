import Matrix
import OlmCrypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a Megolm ciphertext carries: the event's type, content and room (checked against the room it arrived in,
/// so a message cannot be replayed into another room).
public struct MegolmPlaintext<Content: Codable & Sendable & Equatable>: Sendable, Equatable, Codable {
    public var type: String
    public var content: Content
    public var roomID: String

    public init(type: String, content: Content, roomID: String) {
        self.type = type
        self.content = content
        self.roomID = roomID
    }

    private enum CodingKeys: String, CodingKey {
        case type, content
        case roomID = "room_id"
    }
}

extension MegolmOutboundSession {
    /// `plaintext` encrypted as the content of an `m.room.encrypted` room event from `deviceID` (Curve25519
    /// `senderKey`).
    public func roomEventContent<Content: Codable & Sendable & Equatable>(
        _ plaintext: MegolmPlaintext<Content>, senderKey: String, deviceID: String
    ) throws -> MatrixEncryptedContent {
        let ciphertext = try encrypt(String(decoding: try MatrixJSON.encode(plaintext), as: UTF8.self))
        return MatrixEncryptedContent(
            algorithm: MatrixEncryptedContent.megolm, senderKey: senderKey, sessionID: try id(), deviceID: deviceID,
            ciphertext: .megolm(ciphertext))
    }
}

extension MegolmInboundSession {
    /// The event inside `content` (an `m.room.encrypted` event of `roomID`), refused when it names another room.
    public func open<Content: Codable & Sendable & Equatable>(
        _ content: MatrixEncryptedContent, in roomID: String, as: Content.Type
    ) throws -> (event: MegolmPlaintext<Content>, index: Int) {
        guard content.algorithm == MatrixEncryptedContent.megolm, case .megolm(let ciphertext) = content.ciphertext
        else { throw OlmInboxRejection.notForThisDevice }
        let decrypted = try decrypt(ciphertext)
        let event = try JSONDecoder().decode(MegolmPlaintext<Content>.self, from: Data(decrypted.plaintext.utf8))
        guard event.roomID == roomID else {
            throw OlmInboxRejection.misaddressed("encrypted for \(event.roomID), received in \(roomID)")
        }
        return (event, decrypted.index)
    }
}
