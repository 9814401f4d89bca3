import IRC

/// Why one connection attempt ended; logged, then the client reconnects with backoff.
public enum IRCClientError: Error, CustomStringConvertible {
    case sessionRequestedDisconnect(IRCDisconnectReason)
    case closedByServer
    case cannotLoadTLSFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .sessionRequestedDisconnect(let reason): "disconnecting: \(reason)"
        case .closedByServer: "the server closed the connection"
        case .cannotLoadTLSFile(let path, let reason): "cannot load TLS file \(path): \(reason)"
        }
    }
}
