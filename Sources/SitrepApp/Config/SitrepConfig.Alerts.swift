import SitrepCore
import SitrepWeb

extension SitrepConfig {
    /// Alerts from monitoring (`alerts:`): how the hooks authenticate and how much they accept, and the rules
    /// that turn alerts into incidents or posts. Nil when the section is absent (no hooks are served).
    public struct Alerts: Sendable, Equatable {
        /// Bearer token for `Authorization: Bearer <token>`, if configured.
        public var token: Secret?
        /// Key of the `X-Sitrep-Signature: sha256=<hex>` HMAC over the body, if configured.
        public var hmacSecret: Secret?
        /// Larger bodies are refused with 413.
        public var maxBodyBytes: Int
        /// Rules, severity mapping and how many alert lines a batch may post.
        public var policy: AlertPolicy

        public init(
            token: Secret? = nil,
            hmacSecret: Secret? = nil,
            maxBodyBytes: Int = AlertHookConfiguration.defaultMaxBodyBytes,
            policy: AlertPolicy = AlertPolicy()
        ) {
            self.token = token
            self.hmacSecret = hmacSecret
            self.maxBodyBytes = maxBodyBytes
            self.policy = policy
        }
    }
}
