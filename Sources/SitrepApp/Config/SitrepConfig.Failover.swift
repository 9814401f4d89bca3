extension SitrepConfig {
    /// An active/standby pair (`failover:`): both instances run with the same config and store, each with its own
    /// `instance` name; the one holding the lease in the store is active (connects to chat, answers commands,
    /// fires timers), the other serves the web side, queues alert webhooks and takes over when the lease lapses.
    /// Off when the section is absent: a single instance is always active.
    public struct Failover: Sendable, Equatable {
        /// This machine's name in the pair, unique per instance: `failover.instance`, else `SITREP_INSTANCE`, else
        /// the host name.
        public var instance: String
        /// How long the lease lasts without a renewal: the standby takes over within about this long after the
        /// active instance dies.
        public var leaseTTL: Duration

        public init(instance: String, leaseTTL: Duration = ConfigDefaults.leaseTTL) {
            self.instance = instance
            self.leaseTTL = leaseTTL
        }
    }
}

extension ConfigDefaults {
    /// With a 6 s lease the standby is back in chat within 10 s of the active instance's death: the lease lapses
    /// at most 6 s after the last renewal, the standby looks every 0.6 s, and connecting takes about a second.
    public static let leaseTTL = Duration.seconds(6)
}
