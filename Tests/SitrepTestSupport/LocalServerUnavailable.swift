/// Why a local server cannot be used, with what to do about it.
public struct LocalServerUnavailable: Error, CustomStringConvertible {
    public var server: LocalServer
    public var reason: String

    public init(_ server: LocalServer, _ reason: String) {
        self.server = server
        self.reason = reason
    }

    public var description: String {
        """
        TESTS NEED THE LOCAL \(server.name.uppercased()): \(reason)
        Start it with `\(server.startCommand)` (writes \(server.envFile)), then run the tests again.
        """
    }
}
