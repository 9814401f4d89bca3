import NIOSSL

/// Builds the NIOSSL client context from the operator's TLS settings: verification on unless explicitly
/// disabled, an optional private CA added to the system roots, an optional client certificate for SASL EXTERNAL.
enum TLSContextFactory {
    static func makeContext(for settings: IRCClientConfiguration.TLS) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile {
            configuration.additionalTrustRoots = [.file(caFile)]
        }
        if settings.insecure {
            configuration.certificateVerification = .none
        }
        if let certificateFile = settings.clientCertificateFile, let keyFile = settings.clientKeyFile {
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(certificateFile)
                configuration.certificateChain = chain.map { .certificate($0) }
            } catch {
                throw IRCClientError.cannotLoadTLSFile(path: certificateFile, reason: "\(error)")
            }
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
            } catch {
                throw IRCClientError.cannotLoadTLSFile(path: keyFile, reason: "\(error)")
            }
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// The name to send in SNI and verify the certificate against; nil for an IP address, in which case
    /// NIOSSL verifies the certificate against the connected peer's address.
    static func serverHostname(for host: String) -> String? {
        let isIPv4 = host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        let isIPv6 = host.contains(":")
        return isIPv4 || isIPv6 ? nil : host
    }
}
