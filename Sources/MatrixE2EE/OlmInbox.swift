import Matrix
import OlmCrypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why a to-device message was not taken.
public enum OlmInboxRejection: Error, Equatable, CustomStringConvertible {
    /// Not Olm, or no ciphertext for this device's key.
    case notForThisDevice
    /// No session decrypts it and it is not a pre-key message that opens one.
    case noSession(senderKey: String)
    /// The plaintext names another sender or recipient than the envelope and this device.
    case misaddressed(String)

    public var description: String {
        switch self {
        case .notForThisDevice: "the message is not encrypted for this device"
        case .noSession(let key): "no Olm session with \(key) decrypts the message"
        case .misaddressed(let reason): "the message is misaddressed: \(reason)"
        }
    }
}

/// The bot device's receiving side of Olm: decrypts to-device messages with the sessions it has, opens a session
/// from a pre-key message (using up the one-time key), and checks that the plaintext is addressed to this device
/// by the envelope's sender. Not thread-safe: one owner.
public final class OlmInbox {
    public let account: OlmAccount
    public let userID: String
    /// Sessions by the sender device's Curve25519 key, newest last.
    public private(set) var sessions: [String: [OlmSession]] = [:]

    public init(account: OlmAccount, userID: String, sessions: [String: [OlmSession]] = [:]) {
        self.account = account
        self.userID = userID
        self.sessions = sessions
    }

    /// Keeps `session` (one this device opened to another, with a claimed one-time key) with the others of
    /// `theirKey`: Olm sessions work both ways, so it also decrypts their answers.
    public func adopt(_ session: OlmSession, theirKey: String) {
        sessions[theirKey, default: []].append(session)
    }

    /// The session to encrypt to the device whose Curve25519 key is `theirKey`: the newest one, if any.
    public func session(for theirKey: String) -> OlmSession? {
        sessions[theirKey]?.last
    }

    /// The payload of `event` (an Olm `m.room.encrypted` to-device event) with content `Content`.
    public func open<Content: Codable & Sendable & Equatable>(_ event: MatrixToDeviceEvent, as: Content.Type)
        throws -> OlmPayload<Content>
    {
        let ours = try account.identityKeys()
        guard let encrypted = event.encrypted, encrypted.algorithm == MatrixEncryptedContent.olm,
            let senderKey = encrypted.senderKey, case .olm(let byKey) = encrypted.ciphertext,
            let mine = byKey[ours.curve25519]
        else { throw OlmInboxRejection.notForThisDevice }
        let message = OlmMessage(type: mine.type, body: mine.body)
        let plaintext = try decrypt(message, from: senderKey)
        let payload = try JSONDecoder().decode(OlmPayload<Content>.self, from: Data(plaintext.utf8))
        guard payload.sender == event.sender else {
            throw OlmInboxRejection.misaddressed("sent by \(event.sender), signed as \(payload.sender)")
        }
        guard payload.recipient == userID, payload.recipientKeys["ed25519"] == ours.ed25519 else {
            throw OlmInboxRejection.misaddressed("meant for \(payload.recipient)")
        }
        return payload
    }

    private func decrypt(_ message: OlmMessage, from senderKey: String) throws -> String {
        for session in (sessions[senderKey] ?? []).reversed() {
            if message.type == OlmMessage.preKey && !session.matches(preKeyMessage: message.body, from: senderKey) {
                continue
            }
            if let plaintext = try? session.decrypt(message) { return plaintext }
        }
        guard message.type == OlmMessage.preKey else { throw OlmInboxRejection.noSession(senderKey: senderKey) }
        let session = try OlmSession(inboundTo: account, theirIdentityKey: senderKey, preKeyMessage: message.body)
        let plaintext = try session.decrypt(message)
        try account.removeOneTimeKeys(for: session)
        sessions[senderKey, default: []].append(session)
        return plaintext
    }
}
