import Foundation
import IRC
import BenchSupport
import Logging
import NIOCore
import PostgresStore
import SQLiteStore
import SitrepApp
import SitrepCore

/// Ingest benchmark: a local TLS IRC server floods channel lines at the real bot (IRC client, session,
/// coordinator, timeline writer, SQLite store), and measures
/// 1. timeline lines/s through the whole path until the last line is durably committed, with none lost;
/// 2. command round trips (`!note` → committed → NOTICE back) while a steady flood runs: p50/p99.
///
/// Usage: sitrep-ingest-bench --cert PEM --key PEM [--lines N] [--commands C] [--background-rate R]
///        [--backend sqlite|postgres]   (postgres: a fresh database on the server of `SITREP_TEST_POSTGRES_*`)
///        [--failover]                  (as one instance of an active/standby pair: lease, fenced sends)
///        [--raw-reader PATH]           (first floods the same lines at deploy/bench/raw-tls-reader.c, built,
///                                       and prints sitrep's rate as a fraction of that reader's)
struct Options {
    var certificate = ""
    var key = ""
    var lines = 1_000_000
    var commands = 300
    var backgroundRate = 20_000
    /// `note` (a lifecycle command: committed before its reply) or `status` (a query: no commit).
    var command = "note"
    var backend = "sqlite"
    var failover = false
    var rawReader: String?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            if flag == "--failover" {
                failover = true
                continue
            }
            let value = iterator.next() ?? ""
            switch flag {
            case "--cert": certificate = value
            case "--key": key = value
            case "--lines": lines = Int(value) ?? lines
            case "--commands": commands = Int(value) ?? commands
            case "--background-rate": backgroundRate = Int(value) ?? backgroundRate
            case "--command": command = value
            case "--backend": backend = value
            case "--raw-reader": rawReader = value
            default:
                FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8))
                exit(2)
            }
        }
    }
}

func floodBuffer(from start: Int, count: Int, channel: String) -> ByteBuffer {
    var buffer = ByteBufferAllocator().buffer(capacity: count * 140)
    for index in start..<(start + count) {
        let nick = "user\(index % 50)"
        buffer.writeString(
            "@time=2026-11-26T08:00:00.000Z :\(nick)!u@host PRIVMSG \(channel) :line \(index) of the flood, "
                + "looking at the replica lag graphs now\r\n")
    }
    return buffer
}

let options = Options(CommandLine.arguments)
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-ingest-\(UUID())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

/// Floods `lines` lines (and the end marker) at the raw TLS reader at `path` through a server of its own, and
/// returns its rate in lines/s: the least any client could do with the same bytes.
func rawReaderRate(path: String, lines: Int) async throws -> Double {
    let server = FakeIRCServer()
    let port = try await server.start(certificate: options.certificate, key: options.key)
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: path)
    reader.arguments = ["\(port)", "#raw"]
    let output = Pipe()
    reader.standardOutput = output
    try reader.run()
    try await server.waitForJoin("#raw")
    let clock = ContinuousClock()
    let start = clock.now
    var sent = 0
    while sent < lines {
        let count = min(2_000, lines - sent)
        try await server.send(floodBuffer(from: sent, count: count, channel: "#raw"))
        sent += count
    }
    var marker = ByteBufferAllocator().buffer(capacity: 64)
    marker.writeString(":user0!u@host PRIVMSG #raw :END-OF-FLOOD\r\n")
    try await server.send(marker)
    while reader.isRunning { try await Task.sleep(for: .microseconds(200)) }
    let elapsed = seconds(start.duration(to: clock.now))
    let counted = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    report(String(format: "raw TLS reader (C + OpenSSL): %d lines in %.3f s = %.0f lines/s (it counted %@)",
        lines, elapsed, Double(lines) / elapsed, counted.trimmingCharacters(in: .whitespacesAndNewlines)))
    try? await server.group.shutdownGracefully()
    return Double(lines) / elapsed
}

var rawRate: Double?
if let path = options.rawReader { rawRate = try await rawReaderRate(path: path, lines: options.lines) }

let server = FakeIRCServer()
let port = try await server.start(certificate: options.certificate, key: options.key)
let storePath = folder.appendingPathComponent("sitrep.sqlite").path
let postgres = options.backend == "postgres" ? try await BenchPostgres.create(prefix: "sitrep_ingest_") : nil
let seedStore: any IncidentStore
if let postgres {
    seedStore = try await PostgresIncidentStore.open(
        configuration: PostgresStoreConfiguration(
            hosts: [.init(host: postgres.host, port: postgres.port)], database: postgres.database, user: postgres.user,
            password: postgres.password, tls: .disabled),
        logger: Logger(label: "seed"))
} else {
    seedStore = try SQLiteIncidentStore(path: storePath)
}
let sender = Participant(identity: .account("alice"), nick: "alice")
_ = try await seedStore.declare(
    { Incident(id: $0, title: "bench", severity: .sev2, channel: ChatChannel(name: "#inc-\($0)"), declaredBy: sender,
        declaredAt: Timestamp(milliseconds: 0)) },
    entries: { _ in [] })
if let sqlite = seedStore as? SQLiteIncidentStore { try sqlite.close() }
if let pg = seedStore as? PostgresIncidentStore { await pg.shutdown() }

var config = SitrepConfig(
    irc: SitrepConfig.IRC(
        host: "127.0.0.1", port: port, tls: SitrepConfig.TLS(caFile: options.certificate), nick: "sitrep",
        pacing: SitrepConfig.Pacing(burst: 100_000, linesPerSecond: 100_000)))
config.store = SitrepConfig.Store(
    sqlitePath: storePath,
    postgres: postgres.map {
        SitrepConfig.Postgres(
            hosts: [.init(host: $0.host, port: $0.port)], database: $0.database, user: $0.user,
            password: $0.password.map { Secret($0) }, tls: SitrepConfig.Postgres.TLS(enabled: false))
    })
if options.failover { config.failover = SitrepConfig.Failover(instance: "bench") }
report("backend: \(options.backend)\(options.failover ? ", failover on" : "")")
config.people = SitrepConfig.People(commanders: [], responders: [.account("alice")])
var logger = Logger(label: "bench")
logger.logLevel = ProcessInfo.processInfo.environment["BENCH_LOG"] == nil ? .warning : .debug
let parts = try SitrepApplication.makeParts(config: config, logger: logger)

try await withThrowingTaskGroup(of: Void.self) { group in
    for service in parts.services { group.addTask { try await service.run() } }
    defer { group.cancelAll() }
    try await server.waitForJoin("#inc-1")
    let before = try await parts.store.timeline(incidentID: 1, limit: 1, keyEventsOnly: false).last?.sequence ?? 0

    // Phase 1: flood as fast as the socket takes it; done when the end marker is committed.
    let clock = ContinuousClock()
    let start = clock.now
    let chunk = 2_000
    var sent = 0
    while sent < options.lines {
        let count = min(chunk, options.lines - sent)
        try await server.send(floodBuffer(from: sent, count: count, channel: "#inc-1"))
        sent += count
    }
    var marker = ByteBufferAllocator().buffer(capacity: 64)
    marker.writeString(":user0!u@host PRIVMSG #inc-1 :END-OF-FLOOD\r\n")
    try await server.send(marker)
    while true {
        let last = try await parts.store.timeline(incidentID: 1, limit: 1, keyEventsOnly: false).last
        if last?.text == "END-OF-FLOOD" { break }
        try await Task.sleep(for: .milliseconds(2))
    }
    let elapsed = start.duration(to: clock.now)
    let after = try await parts.store.timeline(incidentID: 1, limit: 1, keyEventsOnly: false).last?.sequence ?? 0
    let stored = Int(after - before) - 1
    report(String(format: "ingest: %d lines committed in %.3f s = %.0f lines/s; lost %d",
        stored, seconds(elapsed), Double(stored) / seconds(elapsed), options.lines - stored))
    if let rawRate {
        report(String(format: "ingest: %.3f of the raw reader's rate", Double(stored) / seconds(elapsed) / rawRate))
    }

    // Phase 2: command round trips while a steady background flood runs.
    let background = Task {
        var index = 0
        // Chat arrives spread out, not in one lump per second: a small burst every 2 ms.
        let perTick = max(1, options.backgroundRate / 500)
        var next = clock.now
        while !Task.isCancelled {
            try await server.send(floodBuffer(from: index, count: perTick, channel: "#inc-1"))
            index += perTick
            next = next.advanced(by: .milliseconds(2))
            try await Task.sleep(until: next, clock: .continuous)
        }
    }
    var roundTrips: [Duration] = []
    for index in 0..<options.commands {
        // One command at a time, so the next "note recorded" NOTICE is this command's reply.
        let isNote = options.command == "note"
        let reply = server.expectNotice(containing: isNote ? "note recorded" : "INC-1 [SEV2]")
        var line = ByteBufferAllocator().buffer(capacity: 96)
        let text = isNote ? "!note bench note \(index)" : "!status"
        line.writeString("@account=alice :alice!a@host PRIVMSG #inc-1 :\(text)\r\n")
        let sentAt = clock.now
        try await server.send(line)
        try await reply.get()
        roundTrips.append(sentAt.duration(to: clock.now))
    }
    background.cancel()
    roundTrips.sort()
    func ms(_ fraction: Double) -> Double {
        seconds(roundTrips[min(roundTrips.count - 1, Int(Double(roundTrips.count) * fraction))]) * 1000
    }
    report(String(format: "commands: %d !%@ round trips under a %d lines/s flood: p50 %.2f ms, p99 %.2f ms, max %.2f ms",
        roundTrips.count, options.command, options.backgroundRate, ms(0.5), ms(0.99), ms(1.0)))
}
try? await server.group.shutdownGracefully()
try await postgres?.drop()
