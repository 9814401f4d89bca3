import Matrix
import OlmCrypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension OlmSession {
    /// `payload` encrypted for one device (its Curve25519 key) as the `m.room.encrypted` to-device content.
    public func toDeviceContent<Content: Codable & Sendable & Equatable>(
        _ payload: OlmPayload<Content>, recipientKey: String, senderKey: String
    ) throws -> MatrixEncryptedContent {
        let message = try encrypt(String(decoding: try MatrixJSON.encode(payload), as: UTF8.self))
        return MatrixEncryptedContent(
            algorithm: MatrixEncryptedContent.olm, senderKey: senderKey,
            ciphertext: .olm([recipientKey: .init(type: message.type, body: message.body)]))
    }
}
