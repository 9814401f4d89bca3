import NIOSSL

extension MatrixClientConfiguration {
    /// `homeserverURL` without trailing slashes, the prefix of every request path; fails unless it is
    /// `http(s)://host[:port]`.
    func baseURL() throws -> String {
        var url = homeserverURL
        while url.hasSuffix("/") { url.removeLast() }
        guard url.hasPrefix("https://") || url.hasPrefix("http://"), url.split(separator: "/").count == 2 else {
            throw MatrixClientError.invalidHomeserverURL(homeserverURL)
        }
        return url
    }

    /// The TLS the client connects with: the system roots plus `caFile` if given, verification off only when
    /// `insecure`.
    func tlsConfiguration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            do {
                tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(caFile))]
            } catch {
                throw MatrixClientError.cannotLoadCAFile(path: caFile, reason: "\(error)")
            }
        }
        if insecure { tls.certificateVerification = .none }
        return tls
    }
}
