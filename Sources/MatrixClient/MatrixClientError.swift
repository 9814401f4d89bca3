import Matrix

/// Why a Matrix request failed, said so an operator knows what to do.
public enum MatrixClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The homeserver URL in the configuration is not `http(s)://host[:port]`.
    case invalidHomeserverURL(String)
    /// The CA file for TLS could not be read.
    case cannotLoadCAFile(path: String, reason: String)
    /// The homeserver refused the request for good (wrong password, no permission, unknown room…).
    case rejected(path: String, status: Int, error: MatrixErrorResponse)
    /// The access token is no longer valid and there is no password to log in again with.
    case tokenRejected
    /// The request was retried `attempts` times without success (server errors, network errors).
    case gaveUp(path: String, attempts: Int, lastProblem: String)
    /// The homeserver answered with a body that is not what the API promises.
    case unreadableResponse(path: String, reason: String)
    /// A call that needs an access token was made before `login()`.
    case notLoggedIn
    /// The TLS handshake failed (untrusted or wrong certificate): retrying cannot help.
    case tlsFailed(reason: String)

    public var description: String {
        switch self {
        case .invalidHomeserverURL(let url):
            "matrix homeserver URL \(url) is not http(s)://host[:port]; fix the homeserver setting"
        case .cannotLoadCAFile(let path, let reason):
            "cannot read the Matrix CA file \(path): \(reason); check the ca_file setting"
        case .rejected(let path, let status, let error):
            "the homeserver refused \(path) (HTTP \(status), \(error)); check the bot's account, password and rights"
        case .tokenRejected:
            "the homeserver no longer accepts the access token; give a fresh token or configure a password"
        case .gaveUp(let path, let attempts, let lastProblem):
            "no answer from the homeserver for \(path) after \(attempts) attempts (last: \(lastProblem)); is it up?"
        case .unreadableResponse(let path, let reason):
            "the homeserver's answer to \(path) could not be read: \(reason)"
        case .notLoggedIn:
            "the Matrix client is not logged in yet; call login() first"
        case .tlsFailed(let reason):
            "TLS to the homeserver failed (\(reason)); set ca_file to the CA that signed its certificate"
        }
    }
}
