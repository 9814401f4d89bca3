import Foundation
import Testing

/// The Synapse of `deploy/local/synapse.sh up` (`SITREP_MATRIX_*`, from the environment or `.local/synapse/env`),
/// for the Matrix client tests and the cross-network ones: where it listens, its CA, and the accounts it made.
public struct LocalSynapse: LocalServerHelper {
    /// The HTTPS listener, certificate signed by `caFile`.
    public var url: String
    /// The plain HTTP listener.
    public var plainURL: String
    public var caFile: String
    public var serverName: String
    /// The bot's account (localpart).
    public var botUser: String
    /// The people's accounts (localparts), all with `password`.
    public var users: [String]
    public var password: String
    /// The Python of the encrypting human client's venv (`SITREP_MATRIX_HUMAN_PYTHON`; the encrypting Synapse only).
    public var humanPython: String?

    /// The Matrix ID of `localpart` on this server.
    public func userID(_ localpart: String) -> String { "@\(localpart):\(serverName)" }

    /// From the values of an env file of `deploy/local/synapse.sh`.
    public init(_ settings: LocalServerSettings) throws(LocalServerUnavailable) {
        url = try settings.string("SITREP_MATRIX_URL")
        plainURL = try settings.string("SITREP_MATRIX_PLAIN_URL")
        caFile = try settings.string("SITREP_MATRIX_CA")
        serverName = try settings.string("SITREP_MATRIX_SERVER_NAME")
        botUser = try settings.string("SITREP_MATRIX_BOT_USER")
        users = try settings.words("SITREP_MATRIX_USERS")
        password = try settings.string("SITREP_MATRIX_PASSWORD")
        humanPython = settings.optional("SITREP_MATRIX_HUMAN_PYTHON")
    }

    /// The server, loaded once per test process.
    public static let availability = LocalServerAvailability(.synapse) { () throws(LocalServerUnavailable) in
        try LocalSynapse(LocalServer.synapse.settings())
    }
}
