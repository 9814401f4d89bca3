/// The request paths of the client-server API calls sitrep makes, with every variable part percent-encoded
/// (room ids hold `!` and `:`, event ids `$`, user ids `@`).
public enum MatrixPath {
    static let prefix = "/_matrix/client/v3"

    public static let login = prefix + "/login"
    public static let whoami = prefix + "/account/whoami"
    public static let joinedRooms = prefix + "/joined_rooms"
    public static let createRoom = prefix + "/createRoom"
    /// `POST`: publish the device's keys and one-time keys.
    public static let keysUpload = prefix + "/keys/upload"
    /// `POST`: the devices and keys of users.
    public static let keysQuery = prefix + "/keys/query"
    /// `POST`: take one-time keys of other devices, to open Olm sessions with them.
    public static let keysClaim = prefix + "/keys/claim"

    /// `PUT`: events of `eventType` to devices, under transaction id `transactionID`.
    public static func sendToDevice(eventType: String, transactionID: MatrixTransactionID) -> String {
        prefix + "/sendToDevice/\(escape(eventType))/\(escape(transactionID.rawValue))"
    }

    /// `POST`: store a filter for `userID`.
    public static func createFilter(userID: String) -> String {
        prefix + "/user/\(escape(userID))/filter"
    }

    /// `GET`/`PUT`: the account data of `type` (`m.direct`…) of `userID`.
    public static func accountData(userID: String, type: String) -> String {
        prefix + "/user/\(escape(userID))/account_data/\(escape(type))"
    }

    /// `GET`: the sync long poll; `timeout` in milliseconds.
    public static func sync(filterID: String?, since: String?, timeoutMilliseconds: Int64) -> String {
        var query = ["timeout=\(max(0, timeoutMilliseconds))"]
        if let filterID { query.append("filter=\(escape(filterID))") }
        if let since { query.append("since=\(escape(since))") }
        return prefix + "/sync?" + query.joined(separator: "&")
    }

    /// `GET`: a page of history of `roomID` backwards from `from` down to `to` (a gap left by a limited sync).
    public static func messagesBackward(roomID: String, from: String, to: String?, limit: Int) -> String {
        var path = prefix + "/rooms/\(escape(roomID))/messages?dir=b&from=\(escape(from))&limit=\(max(1, limit))"
        if let to { path += "&to=\(escape(to))" }
        return path
    }

    /// `PUT`: send an event of `eventType` into `roomID` under transaction id `transactionID`.
    public static func send(roomID: String, eventType: String, transactionID: MatrixTransactionID) -> String {
        prefix + "/rooms/\(escape(roomID))/send/\(escape(eventType))/\(escape(transactionID.rawValue))"
    }

    /// `POST`: join (or accept an invite to) a room by id or alias.
    public static func join(_ roomIDOrAlias: String) -> String {
        prefix + "/join/\(escape(roomIDOrAlias))"
    }

    /// `POST`: leave a room (or reject an invite).
    public static func leave(roomID: String) -> String {
        prefix + "/rooms/\(escape(roomID))/leave"
    }

    /// `PUT`: set (`GET`: read) the state event `eventType` with `stateKey` (usually empty) in `roomID`.
    /// `POST /rooms/{roomId}/receipt/m.read/{eventId}`: a public read receipt up to an event.
    public static func readReceipt(roomID: String, eventID: String) -> String {
        "/_matrix/client/v3/rooms/\(escape(roomID))/receipt/m.read/\(escape(eventID))"
    }

    public static func state(roomID: String, eventType: String, stateKey: String = "") -> String {
        prefix + "/rooms/\(escape(roomID))/state/\(escape(eventType))/\(escape(stateKey))"
    }

    /// `PUT`: redact `eventID` in `roomID` under transaction id `transactionID`.
    public static func redact(roomID: String, eventID: String, transactionID: MatrixTransactionID) -> String {
        prefix + "/rooms/\(escape(roomID))/redact/\(escape(eventID))/\(escape(transactionID.rawValue))"
    }

    /// `GET`: the current state events of `roomID`.
    public static func roomState(roomID: String) -> String {
        prefix + "/rooms/\(escape(roomID))/state"
    }

    /// `POST`: invite a user into `roomID`.
    public static func invite(roomID: String) -> String {
        prefix + "/rooms/\(escape(roomID))/invite"
    }

    /// Percent-encodes everything but the URL-unreserved characters (RFC 3986 §2.3).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%"
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            }
        }
        return out
    }
}
