extension SitrepConfig {
    /// Transport security. With `enabled` false the connection is plaintext.
    public struct TLS: Sendable, Equatable {
        public var enabled: Bool
        /// Absolute path of a PEM file with extra trust roots (e.g. a private CA), added to the system roots.
        public var caFile: String?
        /// Absolute path of the PEM client certificate, for SASL EXTERNAL (CertFP). Set together with `clientKey`.
        public var clientCertificate: String?
        /// Absolute path of the PEM private key for `clientCertificate`.
        public var clientKey: String?
        /// Skip certificate verification. Only when set explicitly; the client warns at every connect.
        public var insecure: Bool

        public init(
            enabled: Bool = true,
            caFile: String? = nil,
            clientCertificate: String? = nil,
            clientKey: String? = nil,
            insecure: Bool = false
        ) {
            self.enabled = enabled
            self.caFile = caFile
            self.clientCertificate = clientCertificate
            self.clientKey = clientKey
            self.insecure = insecure
        }
    }
}
