import BenchSupport
import Foundation
import Logging
import Matrix
import MatrixClient
import SitrepApp
import SitrepCore

/// Matrix benchmark: the real sitrep (`SitrepApplication.makeParts` with a `matrix:` config, SQLite store) against
/// the local Synapse of `deploy/local/synapse.sh`, and measures
/// 1. events/s: a responder floods N messages into an incident room; how fast Synapse accepted them (send side)
///    and how fast sitrep recorded them (until the last one is committed in the store), and how many were lost;
/// 2. command round trips: `!note …` sent by the responder → the bot's `m.notice` reply seen in the responder's
///    own sync: p50/p99 over M commands.
/// With `--encrypted` both happen in end-to-end encrypted rooms: the bot has an encryption key, the responder's
/// device encrypts every message (one Megolm key for the run) and decrypts the bot's replies, so the flood shows what
/// decrypting costs sitrep per event against the same run without it.
///
/// Usage: sitrep-matrix-bench [--events N] [--commands M] [--senders S] [--user LOCALPART] [--encrypted]
/// Reads `SITREP_MATRIX_*` from the environment (`set -a; . .local/synapse/env; set +a`). The responder must have
/// no message rate limit (synapse.sh lifts carol's and the bot's); the bot logs in as `SITREP_MATRIX_BOT_USER`.
struct Options: Sendable {
    var events = 2_000
    var commands = 100
    /// Sends in flight at once on the responder's side.
    var senders = 8
    var user = "carol"
    var encrypted = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            if flag == "--encrypted" {
                encrypted = true
                continue
            }
            let value = iterator.next() ?? ""
            switch flag {
            case "--events": events = Int(value) ?? events
            case "--commands": commands = Int(value) ?? commands
            case "--senders": senders = max(1, Int(value) ?? senders)
            case "--user": user = value
            default:
                FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8))
                exit(2)
            }
        }
    }
}

func environment(_ key: String) -> String {
    guard let value = ProcessInfo.processInfo.environment[key], !value.isEmpty else {
        FileHandle.standardError.write(
            Data(
                "\(key) is not set: run `set -a; . .local/synapse/env; set +a` (after synapse.sh up)\n".utf8
            ))
        exit(2)
    }
    return value
}

let options = Options(CommandLine.arguments)
let homeserver = environment("SITREP_MATRIX_URL")
let caFile = environment("SITREP_MATRIX_CA")
let serverName = environment("SITREP_MATRIX_SERVER_NAME")
let password = environment("SITREP_MATRIX_PASSWORD")
let botID = "@\(environment("SITREP_MATRIX_BOT_USER")):\(serverName)"
let responderID = "@\(options.user):\(serverName)"

var logger = Logger(label: "matrix-bench")
// Errors only by default: the IRC client, pointed at a closed port, warns at every reconnect.
logger.logLevel = ProcessInfo.processInfo.environment["BENCH_LOG"] == nil ? .error : .debug
let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "sitrep-matrix-bench-\(UUID())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

// A fresh incident-room prefix and bot device per run: room aliases and Synapse's sync cache stay apart.
let number = UInt32.random(in: 0...UInt32.max)
let alias = "#bench\(number)-1:\(serverName)"
// IRC stays configured (the config needs it) on a port nobody listens on; Matrix runs beside it.
var config = SitrepConfig(
    irc: SitrepConfig.IRC(
        host: "127.0.0.1", port: 9, tls: SitrepConfig.TLS(enabled: false), nick: "sitrep"))
config.store = SitrepConfig.Store(sqlitePath: folder.appendingPathComponent("sitrep.sqlite").path)
config.incidents.channelPrefix = "#bench\(number)-"
config.people = SitrepConfig.People(
    commanders: [.account(responderID, network: "matrix")], responders: [])
config.matrix = SitrepConfig.Matrix(
    homeserver: homeserver, userID: botID, credentials: .password(Secret(password)),
    deviceID: "BENCH\(number)",
    caFile: caFile)
if options.encrypted { config.matrix?.encryptionKey = Secret("\(UUID().uuidString)\(UUID().uuidString)") }
let parts = try SitrepApplication.makeParts(config: config, logger: logger)
let responder = try await BenchResponder(
    homeserver: homeserver, user: options.user, password: password, caFile: caFile, encrypted: options.encrypted,
    logger: logger)

// A failure says what went wrong and exits 1 (an error thrown at top level would trap).
do {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for service in parts.services { group.addTask { try await service.run() } }
        defer { group.cancelAll() }
        let bench = MatrixBench(
            options: options, parts: parts, responder: responder, botID: botID, alias: alias)
        let incidentRoom = try await bench.openIncident()
        report(
            "matrix bench: \(homeserver), bot \(botID), responder \(responderID), \(options.senders) sends in flight, "
                + (options.encrypted ? "end-to-end encrypted rooms" : "plain rooms")
        )
        try await bench.flood(into: incidentRoom)
        try await bench.commandRoundTrips(in: incidentRoom)
    }
    try? await responder.client.shutdown()
} catch {
    FileHandle.standardError.write(Data("matrix bench failed: \(error)\n".utf8))
    try? await responder.client.shutdown()
    exit(1)
}
