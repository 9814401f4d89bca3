import Foundation
import SitrepTestSupport
import Testing

/// Two `sitrep run` processes on Matrix alone (no `irc:`), one config each differing only in `failover.instance`
/// and the web port, on one PostgreSQL database and the local Synapse, logging in as one bot user on one device:
/// the active/standby pair as an operator on Matrix runs it.
struct MatrixFailoverPair: SitrepPairProcesses {
    /// The Matrix account of the pair's bot (`deploy/local/synapse.sh` registers it without a rate limit).
    static let botUser = "failover"

    let folder: URL
    let database: String
    let tag = String(UInt32.random(in: 0...UInt32.max))
    let token = "failover-test-token-0123456789"
    let webPorts: [String: Int]
    let botID: String
    var prefix: String { "#fo\(tag)-" }
    let started = StartedProcesses()

    init(synapse: LocalSynapse, postgres: LocalPostgres, leaseTTL: String = "6s") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-mxfo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = "mxfailover_\(UUID().uuidString.prefix(8).lowercased())"
        webPorts = ["a": try FreePort.pick(), "b": try FreePort.pick()]
        botID = synapse.userID(Self.botUser)
        try synapse.password.write(to: folder.appendingPathComponent("matrix-password"), atomically: true, encoding: .utf8)
        try postgres.password.write(to: folder.appendingPathComponent("pg-password"), atomically: true, encoding: .utf8)
        try token.write(to: folder.appendingPathComponent("web-token"), atomically: true, encoding: .utf8)
        let tls = postgres.caFile.map { "{ enabled: true, ca_file: \"\($0)\" }" } ?? "{ enabled: false }"
        for instance in ["a", "b"] {
            let yaml = """
                matrix:
                  homeserver: \(synapse.url)
                  user_id: "\(botID)"
                  password_file: matrix-password
                  device_id: FO\(tag)
                  tls: { ca_file: "\(synapse.caFile)" }
                logging: { level: info }
                store:
                  postgres:
                    hosts: ["\(postgres.host):\(postgres.port)"]
                    database: \(database)
                    user: \(postgres.user)
                    password_file: pg-password
                    tls: \(tls)
                incidents:
                  channel_prefix: "\(prefix)"
                people:
                  commanders: ["\(synapse.userID("alice"))"]
                  responders: ["\(synapse.userID("bob"))"]
                escalation:
                  policies:
                    default:
                      tiers:
                        - notify: ["\(synapse.userID("bob"))"]
                          after: 25s
                timers:
                  sev1: { acknowledge: 25s, update_every: 10m }
                web:
                  listen: 127.0.0.1:\(webPorts[instance]!)
                  internal_token_file: web-token
                failover:
                  instance: \(instance)
                  lease_ttl: \(leaseTTL)

                """
            try yaml.write(to: config(instance), atomically: true, encoding: .utf8)
        }
    }
}
