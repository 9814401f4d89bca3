/// A device's published keys (`device_keys` of `/keys/upload` and `/keys/query`), signed by its Ed25519 key.
public struct MatrixDeviceKeys: Sendable, Equatable, Codable {
    public var userID: String
    public var deviceID: String
    public var algorithms: [String]
    /// `curve25519:DEVICE` and `ed25519:DEVICE` → the public keys.
    public var keys: [String: String]
    /// user id → `ed25519:DEVICE` → signature.
    public var signatures: [String: [String: String]]

    /// The algorithms sitrep's device speaks.
    public static let sitrepAlgorithms = [MatrixEncryptedContent.olm, MatrixEncryptedContent.megolm]

    public init(
        userID: String, deviceID: String, algorithms: [String] = Self.sitrepAlgorithms, keys: [String: String],
        signatures: [String: [String: String]] = [:]
    ) {
        self.userID = userID
        self.deviceID = deviceID
        self.algorithms = algorithms
        self.keys = keys
        self.signatures = signatures
    }

    /// The device's Curve25519 key (Olm sessions are made with it).
    public var curve25519: String? { keys["curve25519:\(deviceID)"] }
    /// The device's Ed25519 key (its signatures are checked with it).
    public var ed25519: String? { keys["ed25519:\(deviceID)"] }

    private enum CodingKeys: String, CodingKey {
        case algorithms, keys, signatures
        case userID = "user_id"
        case deviceID = "device_id"
    }
}

/// A `signed_curve25519` one-time or fallback key.
public struct MatrixSignedKey: Sendable, Equatable, Codable {
    public var key: String
    public var signatures: [String: [String: String]]
    public var fallback: Bool?

    public init(key: String, signatures: [String: [String: String]] = [:], fallback: Bool? = nil) {
        self.key = key
        self.signatures = signatures
        self.fallback = fallback
    }
}

/// `POST /keys/upload`: the device keys (once) and new one-time keys (`signed_curve25519:ID`).
public struct MatrixKeysUploadRequest: Sendable, Equatable, Encodable {
    public var deviceKeys: MatrixDeviceKeys?
    public var oneTimeKeys: [String: MatrixSignedKey]

    public init(deviceKeys: MatrixDeviceKeys?, oneTimeKeys: [String: MatrixSignedKey]) {
        self.deviceKeys = deviceKeys
        self.oneTimeKeys = oneTimeKeys
    }

    private enum CodingKeys: String, CodingKey {
        case deviceKeys = "device_keys"
        case oneTimeKeys = "one_time_keys"
    }
}

/// The answer to `/keys/upload`: how many one-time keys of each algorithm the server holds for the device.
public struct MatrixKeysUploadResponse: Sendable, Equatable, Decodable {
    public var oneTimeKeyCounts: [String: Int]

    private enum CodingKeys: String, CodingKey { case oneTimeKeyCounts = "one_time_key_counts" }
}

/// `POST /keys/query`: the devices of these users (an empty list: all their devices).
public struct MatrixKeysQueryRequest: Sendable, Equatable, Encodable {
    public var deviceKeys: [String: [String]]

    public init(users: [String]) {
        deviceKeys = Dictionary(uniqueKeysWithValues: users.map { ($0, []) })
    }

    private enum CodingKeys: String, CodingKey { case deviceKeys = "device_keys" }
}

/// The answer to `/keys/query`: user → device id → keys.
public struct MatrixKeysQueryResponse: Sendable, Equatable, Decodable {
    public var deviceKeys: [String: [String: MatrixDeviceKeys]]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        deviceKeys =
            try container.decodeIfPresent([String: [String: MatrixDeviceKeys]].self, forKey: .deviceKeys) ?? [:]
    }

    private enum CodingKeys: String, CodingKey { case deviceKeys = "device_keys" }
}

/// `POST /keys/claim`: one `signed_curve25519` key of each device.
public struct MatrixKeysClaimRequest: Sendable, Equatable, Encodable {
    public var oneTimeKeys: [String: [String: String]]

    /// One key for each (user, device).
    public init(devices: [(userID: String, deviceID: String)]) {
        var keys: [String: [String: String]] = [:]
        for device in devices { keys[device.userID, default: [:]][device.deviceID] = "signed_curve25519" }
        oneTimeKeys = keys
    }

    private enum CodingKeys: String, CodingKey { case oneTimeKeys = "one_time_keys" }
}

/// The answer to `/keys/claim`: user → device → `signed_curve25519:ID` → key.
public struct MatrixKeysClaimResponse: Sendable, Equatable, Decodable {
    public var oneTimeKeys: [String: [String: [String: MatrixSignedKey]]]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        oneTimeKeys =
            try container.decodeIfPresent([String: [String: [String: MatrixSignedKey]]].self, forKey: .oneTimeKeys)
            ?? [:]
    }

    private enum CodingKeys: String, CodingKey { case oneTimeKeys = "one_time_keys" }
}
