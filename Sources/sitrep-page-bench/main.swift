import BenchSupport
import Foundation
import IncidentRuntime
import Logging
import Notify
import Paging
import SQLiteStore
import SitrepApp
import SitrepCore

/// Paging benchmark: N people (default 1,000) paged at once by email through the real SMTP mail sink
/// (`deploy/local/mail-sink.sh up`, STARTTLS with a verified certificate and a login), by the real
/// `PageDispatcher` over the SQLite store: the people of each incident were paged in chat (round-1 attempts
/// stored, as the coordinator leaves them) and their rules say email at once. Reports
/// 1. how many emails arrived, and that none arrived twice (one `.eml` per recipient);
/// 2. claim → stored latency (the attempt's claim in the store to the sink's file of the message), p50/p99/max,
///    claim → recorded `sent`, and due → stored (every email is due when the dispatcher starts);
/// 3. total time from the dispatcher's start to the last message stored; resident memory.
///
/// With `--webhooks`, every person is also paged by webhook, at the same moment, to a local HTTP receiver: twice
/// the pages, and the same figures for the webhook calls (claim → received).
///
/// Usage: sitrep-page-bench [--people N] [--incidents K] [--timeout SECONDS] [--webhooks]
struct Options {
    var people = 1_000
    var incidents = 10
    var timeout = 300
    var webhooks = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            if flag == "--webhooks" {
                webhooks = true
                continue
            }
            let value = Int(iterator.next() ?? "") ?? 0
            switch flag {
            case "--people": people = value
            case "--incidents": incidents = max(1, value)
            case "--timeout": timeout = value
            default:
                FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8))
                exit(2)
            }
        }
    }
}

func residentMegabytes() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    return kilobytes / 1024
}

func now() -> Timestamp {
    Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
}

/// `MAIL_SINK_*` from the environment, else from `.local/mail/env` of this checkout.
func mailSink() -> [String: String] {
    var values = ProcessInfo.processInfo.environment
    guard values["MAIL_SINK_PORT"] == nil else { return values }
    let text = (try? String(contentsOfFile: ".local/mail/env", encoding: .utf8)) ?? ""
    for line in text.split(separator: "\n") {
        guard let equals = line.firstIndex(of: "=") else { continue }
        values[String(line[..<equals])] = String(line[line.index(after: equals)...])
    }
    guard values["MAIL_SINK_PORT"] != nil else {
        FileHandle.standardError.write(Data("the mail sink is not running: deploy/local/mail-sink.sh up\n".utf8))
        exit(1)
    }
    return values
}

/// Milliseconds at `fraction` of the sorted `values`.
func percentile(_ sorted: [Int64], _ fraction: Double) -> Int64 {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
}

let options = Options(CommandLine.arguments)
let sink = mailSink()
let domain = "bench-\(UUID().uuidString.prefix(8).lowercased()).test"
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-pages-\(UUID())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let store = try SQLiteIncidentStore(path: folder.appendingPathComponent("sitrep.sqlite").path)

// Seed: incidents whose tier 1 paged every person in chat a moment ago.
let people = (0..<options.people).map { ChatIdentity.account("p\($0)") }
let seedStart = now()
for index in 0..<options.incidents {
    let incident = try await store.declare(
        { Incident(id: $0, title: "Orders database down (\(index))", severity: .sev1,
            channel: ChatChannel(name: "#inc-\($0)"),
            declaredBy: Participant(identity: .account("alice"), nick: "alice"),
            declaredAt: seedStart) },
        entries: { _ in [] })
    for (number, person) in people.enumerated() where number % options.incidents == index {
        let chat = PageAttempt(
            id: PageAttempt.key(incidentID: incident.id, step: "tier-1", person: person, method: "chat", round: 1),
            incidentID: incident.id, person: person, method: "chat", address: "p\(number)", step: "tier-1",
            queuedAt: seedStart)
        _ = try await store.claimPageAttempt(chat)
        try await store.updatePageAttempt(id: chat.id, status: .sent, reason: nil, at: seedStart)
    }
}

var config = SitrepConfig(irc: SitrepConfig.IRC(host: "irc.invalid", nick: "sitrep"))
config.smtp = SitrepConfig.SMTP(
    host: "localhost", port: Int(sink["MAIL_SINK_PORT"] ?? "") ?? 2525, from: try EmailAddress("sitrep@\(domain)"),
    username: sink["MAIL_SINK_USER"], password: sink["MAIL_SINK_PASSWORD"].map(Secret.init),
    caFile: sink["MAIL_SINK_CA"])
report("seeded \(options.incidents) incidents paging \(options.people) people in chat; emails go to *@\(domain)")

var logger = Logger(label: "bench")
logger.logLevel = .error
let writer = TimelineWriter(store: store, logger: logger)
let coordinator = IncidentCoordinator(
    store: store, writer: writer, network: NullChatNetwork(), settings: CoordinatorSettings(), logger: logger,
    clock: now)
let mailDirectory = sink["MAIL_SINK_DIR"] ?? ".local/mail/mail"

/// Each stored message to this run's domain: recipient, the time its file was written (ms since 1970), its path.
func storedMessages() -> [(to: String, at: Int64, path: String)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: mailDirectory)) ?? []
    return names.filter { $0.hasSuffix(".eml") }.compactMap { name in
        let path = mailDirectory + "/" + name
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 512), as: UTF8.self)
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("X-Sink-Envelope-To: ") }),
            line.hasSuffix("@" + domain),
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        else { return nil }
        return (String(line.dropFirst(20)), Int64((modified.timeIntervalSince1970 * 1000).rounded()), path)
    }
}

let (receiver, arrivals, receiverPorts) = BenchReceiver.make()
var start = now()
try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await receiver.run() }
    group.addTask { try await writer.run() }
    defer { group.cancelAll() }
    var portIterator = receiverPorts.makeAsyncIterator()
    let receiverPort = await portIterator.next() ?? 0
    let methods: [ContactMethod.Kind] = options.webhooks ? [.email, .webhook] : [.email]
    config.paging = SitrepConfig.Paging(
        defaultRules: NotificationRules(steps: [NotificationStep(.chat)] + methods.map { NotificationStep($0) }),
        people: people.enumerated().map { number, person in
            .init(
                identity: person, email: "p\(number)@\(domain)",
                webhook: options.webhooks ? .init(url: "http://127.0.0.1:\(receiverPort)/") : nil)
        })
    let dispatcher = try PageDispatcher.make(
        config, store: store, coordinator: coordinator, wakeups: AsyncStream { _ in }, clock: now, logger: logger,
        metrics: .disabled)
    start = now()
    group.addTask { try await dispatcher.run() }
    let expected = options.people * methods.count
    var attempts: [PageAttempt] = []
    let deadline = ContinuousClock.now.advanced(by: .seconds(options.timeout))
    while ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(250))
        attempts = []
        for incidentID in 1...Int64(options.incidents) {
            attempts += try await store.pageAttempts(incidentID: incidentID).filter { $0.method != "chat" }
        }
        if attempts.count == expected && attempts.allSatisfy({ $0.status != .queued }) { break }
    }
    let hooks = attempts.filter { $0.method == "webhook" }
    attempts = attempts.filter { $0.method == "email" }
    let memory = residentMegabytes()
    let messages = storedMessages()
    let byRecipient = Dictionary(grouping: messages, by: \.to)
    let duplicates = byRecipient.values.filter { $0.count > 1 }.count
    let failed = attempts.filter { $0.status == .failed }
    var claimToStored: [Int64] = []
    var claimToSent: [Int64] = []
    for attempt in attempts where attempt.status == .sent {
        if let stored = byRecipient[attempt.address]?.first {
            claimToStored.append(stored.at - attempt.queuedAt.milliseconds)
        }
        if let sent = attempt.updatedAt { claimToSent.append(sent.milliseconds - attempt.queuedAt.milliseconds) }
    }
    claimToStored.sort()
    // Every email is due at the dispatcher's start (the rules say at once): how long each waited for its turn too.
    let dueToStored = messages.map { $0.at - start.milliseconds }.sorted()
    claimToSent.sort()
    let last = messages.map(\.at).max() ?? start.milliseconds
    report("emails: \(attempts.count) attempts, \(attempts.count - failed.count) sent, \(failed.count) failed; "
        + "\(byRecipient.count) recipients got mail, \(duplicates) got it more than once")
    for (reason, group) in Dictionary(grouping: failed, by: { $0.reason ?? "?" }).prefix(5) {
        report("  failed \(group.count)×: \(reason)")
    }
    report(
        "due (dispatcher start) → stored: p50 \(percentile(dueToStored, 0.5)) ms, "
            + "p99 \(percentile(dueToStored, 0.99)) ms")
    report("claim → stored by the sink: min \(claimToStored.first ?? 0) ms, "
        + "p50 \(percentile(claimToStored, 0.5)) ms, "
        + "p99 \(percentile(claimToStored, 0.99)) ms, max \(claimToStored.last ?? 0) ms; "
        + "claim → recorded sent: p50 \(percentile(claimToSent, 0.5)) ms, "
        + "p99 \(percentile(claimToSent, 0.99)) ms")
    var lastCall = Int64(0)
    if options.webhooks {
        let calls = arrivals.byKey.withLock { $0 }
        let claimToReceived = hooks.compactMap { hook in
            calls[hook.id]?.first.map { $0 - hook.queuedAt.milliseconds }
        }.sorted()
        lastCall = calls.values.compactMap(\.last).max() ?? 0
        report("webhooks: \(hooks.count) attempts, \(hooks.filter { $0.status == .sent }.count) sent; "
            + "\(calls.count) keys received, \(calls.values.filter { $0.count > 1 }.count) more than once; "
            + "claim → received: "
            + "p50 \(percentile(claimToReceived, 0.5)) ms, p99 \(percentile(claimToReceived, 0.99)) ms, "
            + "max \(claimToReceived.last ?? 0) ms")
    }
    report(String(format: "total: dispatcher start → last page delivered %.2f s; resident memory %.1f MB",
        Double(max(last, lastCall) - start.milliseconds) / 1000, memory))
    // The run's messages would bury the quick start's pages in the sink's folder.
    for message in messages { try? FileManager.default.removeItem(atPath: message.path) }
}
