import Foundation
import Hummingbird

/// Who may see the internal views: a request carrying the operator's token, as `Authorization: Bearer <token>`
/// (scripts) or HTTP Basic with the token as the password and any user name (a browser's login prompt).
public enum InternalAccess: Sendable, Equatable {
    case granted
    /// No token is configured: the internal views are off.
    case disabled
    /// The request carries no credentials we understand.
    case missingCredentials
    /// The request carries credentials, and they are wrong.
    case wrongCredentials

    /// The decision for a request with these headers.
    public static func check(_ headers: HTTPFields, token: AccessToken?) -> InternalAccess {
        guard let token else { return .disabled }
        guard let header = headers[.authorization] else { return .missingCredentials }
        guard let presented = credential(in: header) else { return .missingCredentials }
        return token.matches(presented) ? .granted : .wrongCredentials
    }

    /// The token bytes an `Authorization` value presents: the Bearer token, or the password of Basic
    /// credentials. Schemes are case-insensitive (RFC 9110).
    static func credential(in header: String) -> [UInt8]? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let value = parts[1].trimmingCharacters(in: .whitespaces)
        switch parts[0].lowercased() {
        case "bearer":
            return value.isEmpty ? nil : Array(value.utf8)
        case "basic":
            guard let decoded = Data(base64Encoded: value), let colon = decoded.firstIndex(of: UInt8(ascii: ":"))
            else { return nil }
            return Array(decoded[decoded.index(after: colon)...])
        default:
            return nil
        }
    }

    /// The challenges sent with a 401: Basic first so that a browser shows its login prompt.
    static let challenges = [#"Basic realm="sitrep internal", charset="UTF-8""#, #"Bearer realm="sitrep internal""#]
}
