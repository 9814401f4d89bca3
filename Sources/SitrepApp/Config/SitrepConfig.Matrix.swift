import SitrepCore

extension SitrepConfig {
    /// A Matrix homeserver to run incidents on beside IRC (`matrix:`); off when the section is absent.
    public struct Matrix: Sendable, Equatable {
        /// How the bot authenticates. The secrets never print themselves.
        public enum Credentials: Sendable, Equatable {
            /// Log in with the user id's password on the fixed `deviceID`.
            case password(Secret)
            /// Use an access token made elsewhere.
            case accessToken(Secret)
        }

        /// `https://host[:port]` (`http://` only on loopback), without a trailing slash.
        public var homeserver: String
        /// The bot's user id, `@sitrep:example.org`.
        public var userID: String
        public var credentials: Credentials
        /// The device the bot logs in on, the same on every start (so restarts reuse one device and its txnIds).
        public var deviceID: String
        /// Absolute path of a PEM file of extra trust roots.
        public var caFile: String?
        /// Skip certificate verification; for throw-away test servers only.
        public var insecure: Bool
        /// Room ids (`!abc:example.org`) or aliases (`#ops:example.org`) to join, and whose invites to accept.
        public var rooms: [String]
        /// Where incident announcements go on Matrix (a room id or alias); nil: none on Matrix.
        public var announceRoom: String?
        /// The most events of one room a sync delivers; beyond it the bot pages back over the rest. Not in the
        /// file (the default suits every room a person can follow); tests lower it to make gaps.
        public var timelineLimit = 100
        /// What sitrep answers to besides its name, and how its hints write commands (`matrix.command_prefix`, `!`
        /// by default).
        public var commandPrefix = CommandHint.defaultPrefix
        /// The key the bot's end-to-end encryption state is stored under (`encryption_key_env` or
        /// `encryption_key_file`, at least 32 bytes); nil: sitrep does not take part in encrypted rooms (it says so
        /// there and leaves).
        public var encryptionKey: Secret?
        /// Whether incident rooms are encrypted (`incident_room_encryption`): like the room they were declared from
        /// (`auto`, the default), always, or never.
        public var incidentRoomEncryption = IncidentRoomEncryption.auto

        /// `matrix.incident_room_encryption`.
        public enum IncidentRoomEncryption: String, Sendable, Equatable, CaseIterable {
            case auto, always, never
        }

        public init(
            homeserver: String, userID: String, credentials: Credentials,
            deviceID: String = ConfigDefaults.matrixDeviceID,
            caFile: String? = nil, insecure: Bool = false, rooms: [String] = [], announceRoom: String? = nil
        ) {
            self.homeserver = homeserver
            self.userID = userID
            self.credentials = credentials
            self.deviceID = deviceID
            self.caFile = caFile
            self.insecure = insecure
            self.rooms = rooms
            self.announceRoom = announceRoom
        }
    }
}

extension ConfigDefaults {
    /// The Matrix device the bot logs in on unless `matrix.device_id` says otherwise.
    public static let matrixDeviceID = "SITREP"
    /// The network id of Matrix identities and rooms.
    public static let matrixNetwork = "matrix"
}
