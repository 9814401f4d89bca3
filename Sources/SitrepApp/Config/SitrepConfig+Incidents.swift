import SitrepCore

extension SitrepConfig {
    /// Where incidents are stored.
    public struct Store: Sendable, Equatable {
        /// Absolute path of the SQLite database file. Its directory may not exist yet: the loader checks only that
        /// it exists or can be created, so whoever opens the database creates missing parent directories.
        public var sqlitePath: String
        /// `store.postgres`: when set, incidents are stored in PostgreSQL and `sqlitePath` is not used.
        public var postgres: Postgres?

        /// A relative `sqlitePath` is made absolute against the current directory; the loader resolves the path
        /// written in the file against the config file's directory instead.
        public init(sqlitePath: String = ConfigDefaults.sqlitePath, postgres: Postgres? = nil) {
            self.sqlitePath = ConfigFiles.absolute(sqlitePath, relativeTo: ConfigFiles.currentDirectory)
            self.postgres = postgres
        }
    }

    /// How incidents are run: channel naming, where they are announced, defaults, roles and the priority matrix.
    public struct Incidents: Sendable, Equatable {
        /// Incident channels are named prefix + id (`#inc-4`). Starts with a channel prefix, at most 20 characters.
        public var channelPrefix: String
        /// A channel the bot joins to announce declared incidents, or `nil` for none.
        public var announceChannel: String?
        /// Severity of `/declare` without one.
        public var defaultSeverity: Severity
        /// Role names `/role` accepts: unique lower-case words.
        public var roles: [String]
        /// Impact × urgency → priority.
        public var priorityMatrix: PriorityMatrix
        /// `grant_chat_rights`: whether `/lead` and `/role` also give the holder rights in the incident's channel
        /// (channel operator on IRC, power level 50 on Matrix). Off unless the operator turns it on.
        public var grantChatRights: Bool

        public init(
            channelPrefix: String = ConfigDefaults.channelPrefix,
            announceChannel: String? = nil,
            defaultSeverity: Severity = ConfigDefaults.defaultSeverity,
            roles: [String] = ConfigDefaults.roles,
            priorityMatrix: PriorityMatrix = .itil,
            grantChatRights: Bool = false
        ) {
            self.channelPrefix = channelPrefix
            self.announceChannel = announceChannel
            self.defaultSeverity = defaultSeverity
            self.roles = roles
            self.priorityMatrix = priorityMatrix
            self.grantChatRights = grantChatRights
        }
    }

    /// Who gets rights in incidents. The lists keep nick entries as written, even when `allowNickIdentities` is
    /// false and they are ignored: ``SitrepConfig/permissions`` drops them and ``SitrepConfig/warnings`` names them.
    public struct People: Sendable, Equatable {
        public var commanders: [ChatIdentity]
        public var responders: [ChatIdentity]
        /// Whether a nick without a services account can hold rights.
        public var allowNickIdentities: Bool

        public init(
            commanders: [ChatIdentity] = [],
            responders: [ChatIdentity] = [],
            allowNickIdentities: Bool = false
        ) {
            self.commanders = commanders
            self.responders = responders
            self.allowNickIdentities = allowNickIdentities
        }
    }

    /// The incident settings as the pure incident rules take them, on network ``ConfigDefaults/network``.
    public var incidentConfiguration: IncidentConfiguration {
        IncidentConfiguration(
            channelPrefix: incidents.channelPrefix,
            network: ConfigDefaults.network,
            defaultSeverity: incidents.defaultSeverity,
            roles: incidents.roles,
            priorityMatrix: incidents.priorityMatrix
        )
    }

    /// The configured people as rights; nick entries are left out unless nick identities are allowed.
    public var permissions: Permissions {
        let allowNicks = people.allowNickIdentities
        return Permissions(
            commanders: people.commanders.filter { allowNicks || $0.isAuthenticated },
            responders: people.responders.filter { allowNicks || $0.isAuthenticated },
            allowNickIdentities: allowNicks
        )
    }
}
