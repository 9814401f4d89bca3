/// `POST /_matrix/client/v3/login` with a password. A fixed `deviceID` makes every restart reuse one device
/// instead of piling up new ones (and keeps transaction ids scoped to that device).
public struct MatrixLoginRequest: Sendable, Equatable, Encodable {
    public var user: String
    public var password: String
    public var deviceID: String
    public var deviceDisplayName: String

    public init(user: String, password: String, deviceID: String, deviceDisplayName: String = "sitrep") {
        self.user = user
        self.password = password
        self.deviceID = deviceID
        self.deviceDisplayName = deviceDisplayName
    }

    private enum CodingKeys: String, CodingKey {
        case type, identifier, password
        case deviceID = "device_id"
        case deviceDisplayName = "initial_device_display_name"
    }

    private struct Identifier: Encodable {
        var type = "m.id.user"
        var user: String
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("m.login.password", forKey: .type)
        try container.encode(Identifier(user: user), forKey: .identifier)
        try container.encode(password, forKey: .password)
        try container.encode(deviceID, forKey: .deviceID)
        try container.encode(deviceDisplayName, forKey: .deviceDisplayName)
    }
}

/// The answer to a login: the access token to send as `Authorization: Bearer`. Never log `accessToken`.
public struct MatrixLoginResponse: Sendable, Equatable, Decodable, CustomStringConvertible {
    public var userID: String
    public var accessToken: String
    public var deviceID: String?

    private enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case accessToken = "access_token"
        case deviceID = "device_id"
    }

    /// Without the token, so the value is safe to log.
    public var description: String { "login(\(userID), device \(deviceID ?? "-"))" }
}

/// `GET /_matrix/client/v3/account/whoami`: who the access token belongs to.
public struct MatrixWhoAmI: Sendable, Equatable, Decodable {
    public var userID: String
    public var deviceID: String?
    public var isGuest: Bool

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userID = try container.decode(String.self, forKey: .userID)
        deviceID = try container.decodeIfPresent(String.self, forKey: .deviceID)
        isGuest = try container.decodeIfPresent(Bool.self, forKey: .isGuest) ?? false
    }

    private enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case deviceID = "device_id"
        case isGuest = "is_guest"
    }
}
