/// The operator's choices the pure incident rules need: channel naming, defaults, roles, the priority matrix.
public struct IncidentConfiguration: Sendable, Equatable {
    /// Incident channels are named prefix + id + suffix (`#inc-4`, `#inc-4:example.org`).
    public var channelPrefix: String
    /// After the id: empty on IRC, `:server` for a Matrix room alias.
    public var channelSuffix: String = ""
    /// The network incident channels live on.
    public var network: String
    /// Severity of `/declare` without one.
    public var defaultSeverity: Severity
    /// Role names `/role` accepts, lower-case.
    public var roles: [String]
    public var priorityMatrix: PriorityMatrix

    public init(
        channelPrefix: String = "#inc-",
        network: String = "irc",
        defaultSeverity: Severity = .sev3,
        roles: [String] = ["commander", "comms", "scribe", "ops"],
        priorityMatrix: PriorityMatrix = .itil
    ) {
        self.channelPrefix = channelPrefix
        self.network = network
        self.defaultSeverity = defaultSeverity
        self.roles = roles
        self.priorityMatrix = priorityMatrix
    }

    public func channel(for id: Int64) -> ChatChannel {
        ChatChannel(network: network, name: "\(channelPrefix)\(id)\(channelSuffix)")
    }
}
