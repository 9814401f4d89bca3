import SitrepCore

extension SitrepConfig {
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
}
