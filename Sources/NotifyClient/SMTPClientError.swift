import Notify

/// Why `SMTPClient.send` did not deliver, with what to do about it. `isRetryable` tells the pager whether the
/// same method may work later (connection trouble, a 4xx reply) or needs an operator (TLS trust, a 5xx reply).
public enum SMTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration cannot work (an unreadable CA file).
    case invalidConfiguration(String)
    /// No TCP connection to the server.
    case connectFailed(host: String, port: Int, reason: String)
    /// The TLS handshake failed, usually because the certificate is not trusted or is for another name.
    case tlsFailed(host: String, reason: String)
    /// The delivery took longer than `deliveryTimeout`.
    case timedOut(after: Duration)
    /// The connection broke (other than by the server closing it politely).
    case connectionFailed(String)
    /// The SMTP conversation failed (see `SMTPError`).
    case smtp(SMTPError)

    public var isRetryable: Bool {
        switch self {
        case .invalidConfiguration, .tlsFailed: false
        case .connectFailed, .timedOut, .connectionFailed: true
        case .smtp(let error): error.isRetryable
        }
    }

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): "SMTP configuration: \(reason)"
        case .connectFailed(let host, let port, let reason): "cannot connect to SMTP server \(host):\(port): \(reason)"
        case .tlsFailed(let host, let reason):
            "TLS with SMTP server \(host) failed: \(reason); if it uses a private CA, set the email ca_file to it"
        case .timedOut(let after): "the SMTP server did not finish the delivery within \(after)"
        case .connectionFailed(let reason): "the SMTP connection failed: \(reason)"
        case .smtp(let error): error.description
        }
    }
}
