import Matrix
import OlmCrypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The device's state as stored: the account, the Olm sessions and the inbound Megolm sessions, each pickled
/// (libolm's AES-256 pickling under the store key), in one JSON text. Outbound Megolm sessions are left out: a
/// restart starts new ones rather than risk reusing a message index.
extension MatrixDeviceCrypto {
    struct Sealed: Codable {
        var version = 1
        var userID: String
        var deviceID: String
        var published: Bool
        var account: String
        /// Curve25519 key of the other device → its sessions' pickles, oldest first.
        var olm: [String: [String]]
        var megolm: [Group]

        struct Group: Codable {
            var roomID: String
            var senderKey: String
            var pickle: String
        }
    }

    /// Why a stored state could not be opened.
    public struct UnsealError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The state as one text, every secret in it encrypted with `key`.
    public func seal(key: [UInt8]) throws -> String {
        let sealed = Sealed(
            userID: userID, deviceID: deviceID, published: deviceKeysPublished, account: try account.pickle(key: key),
            olm: try inbox.sessions.mapValues { try $0.map { try $0.pickle(key: key) } },
            megolm: try inbound.values.sorted { $0.roomID < $1.roomID }.map {
                Sealed.Group(roomID: $0.roomID, senderKey: $0.senderKey, pickle: try $0.session.pickle(key: key))
            })
        return String(decoding: try MatrixJSON.encode(sealed), as: UTF8.self)
    }

    /// The device stored as `text` with `key`, for `userID`'s `deviceID` (a state sealed for another device is
    /// refused: its keys are not the ones the server knows for this device).
    public convenience init(unsealing text: String, key: [UInt8], userID: String, deviceID: String) throws {
        let sealed: Sealed
        do { sealed = try JSONDecoder().decode(Sealed.self, from: Data(text.utf8)) } catch {
            throw UnsealError(description: "the stored Matrix encryption state is not readable: \(error)")
        }
        guard sealed.userID == userID, sealed.deviceID == deviceID else {
            throw UnsealError(
                description:
                    "the stored Matrix encryption state is for \(sealed.userID) device \(sealed.deviceID), not \(userID) device \(deviceID)"
            )
        }
        let account: OlmAccount
        do { account = try OlmAccount(pickle: sealed.account, key: key) } catch {
            throw UnsealError(description: "the Matrix encryption key does not open the stored state (was it changed?)")
        }
        let sessions = try sealed.olm.mapValues { try $0.map { try OlmSession(pickle: $0, key: key) } }
        try self.init(account: account, userID: userID, deviceID: deviceID, sessions: sessions)
        for group in sealed.megolm {
            let session = try MegolmInboundSession(pickle: group.pickle, key: key)
            inbound[try session.id()] = InboundGroup(roomID: group.roomID, senderKey: group.senderKey, session: session)
        }
        if sealed.published { published() }
    }
}
