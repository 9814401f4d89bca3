extension SitrepConfig {
    /// SASL authentication during registration.
    public struct SASL: Sendable, Equatable {
        /// How to authenticate; `plain` carries the account and the resolved password.
        public enum Mechanism: Sendable, Equatable {
            case none
            case plain(account: String, password: Secret)
            /// Authenticate with the TLS client certificate.
            case external
        }

        public var mechanism: Mechanism
        /// If SASL fails, disconnect and retry rather than continue unauthenticated.
        public var required: Bool

        public init(mechanism: Mechanism = .none, required: Bool = true) {
            self.mechanism = mechanism
            self.required = required
        }
    }
}
