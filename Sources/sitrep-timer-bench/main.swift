import BenchSupport
import Foundation
import IncidentRuntime
import Logging
import SQLiteStore
import SitrepApp
import SitrepCore
import Synchronization

/// Timer benchmark: 10,000 open incidents with 100,000 pending timers in a fresh process, run by the real
/// coordinator and timer service over the SQLite store (the chat network is a null sink). Reports
/// 1. resident memory after every incident and timer is loaded and armed;
/// 2. CPU used while idle (timers pending, none due);
/// 3. lateness of fired timers (each claimed in the store, recorded on the timeline and replanned): p50/p99/max.
///
/// Usage: sitrep-timer-bench [--incidents N] [--timers-per-incident K] [--fire F] [--idle-seconds S]
struct Options {
    var incidents = 10_000
    var timersPerIncident = 10
    var fire = 2_000
    var idleSeconds = 10

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            let value = Int(iterator.next() ?? "") ?? 0
            switch flag {
            case "--incidents": incidents = value
            case "--timers-per-incident": timersPerIncident = value
            case "--fire": fire = value
            case "--idle-seconds": idleSeconds = value
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

/// Asks glibc's allocator to give its free pages back (`malloc_trim(0)`, looked up at run time: Swift's Glibc
/// module does not export it). Called once after seeding, so the figures below are those of a process that only
/// loaded the store, as `sitrep run` does, not one that also wrote it first.
func returnFreeMemory() {
    guard let symbol = dlsym(nil, "malloc_trim") else { return }
    let trim = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    _ = trim(0)
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func now() -> Timestamp {
    Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
}

let options = Options(CommandLine.arguments)
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-timers-\(UUID())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let path = folder.appendingPathComponent("sitrep.sqlite").path

// Seed: incidents and their timers, as a previous sitrep process would have left them.
do {
    let seed = try SQLiteIncidentStore(path: path)
    let declarer = Participant(identity: .account("alice"), nick: "alice")
    let start = now()
    let fireWindow = Duration.seconds(20)
    let firstDue = start.adding(.seconds(options.idleSeconds + 15))
    var firing = 0
    for index in 0..<options.incidents {
        let incident = try await seed.declare(
            { Incident(id: $0, title: "incident \($0)", severity: .sev3, channel: ChatChannel(name: "#inc-\($0)"),
                declaredBy: declarer, declaredAt: start) },
            entries: { _ in [] })
        let timers = (0..<options.timersPerIncident).map { key -> IncidentTimer in
            let soon = firing < options.fire && key == 0 && index % max(1, options.incidents / options.fire) == 0
            if soon { firing += 1 }
            let due = soon
                ? firstDue.adding(fireWindow * (Double(firing) / Double(options.fire)))
                : start.adding(.seconds(3_600 + Int64(index * options.timersPerIncident + key)))
            return IncidentTimer(incidentID: incident.id, kind: .reminder, key: "\(key)", due: due,
                text: "check the replica lag (\(key))")
        }
        try await seed.replaceTimers(incidentID: incident.id, with: timers)
    }
    try seed.close()
    report("seeded \(options.incidents) incidents, \(options.incidents * options.timersPerIncident) timers "
        + "(\(firing) due in the fire window) in \(String(format: "%.1f", Double((now().milliseconds - start.milliseconds)) / 1000)) s")
}

let seededResident = residentMegabytes()
returnFreeMemory()
let baseline = residentMegabytes()
report(String(format: "resident memory after seeding %.1f MB, %.1f MB once the seeding's freed memory was returned",
    seededResident, baseline))

// The process under test: what `sitrep run` builds around the coordinator, minus the IRC connection.
var logger = Logger(label: "bench")
logger.logLevel = .warning
let store = try SQLiteIncidentStore(path: path)
let writer = TimelineWriter(store: store, logger: logger)
let lateness = Mutex<[Duration]>([])
let timers = TimerService(clock: now, logger: logger)
let coordinator = IncidentCoordinator(
    store: store, writer: writer, network: NullChatNetwork(), settings: CoordinatorSettings(), logger: logger,
    clock: now, timers: timers)
timers.onFire { timer, at in
    lateness.withLock { $0.append(timer.due.duration(to: at)) }
    await coordinator.timerFired(timer, at: at)
}

try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await writer.run() }
    group.addTask { try await timers.run() }
    defer { group.cancelAll() }
    let loadStart = ContinuousClock.now
    try await coordinator.start()
    timers.setConnected(true)
    let loaded = residentMegabytes()
    report(String(format: "loaded and armed %d timers in %.2f s; resident memory %.1f MB (%.1f MB more than before loading)",
        timers.pendingCount, Double((ContinuousClock.now - loadStart) / .milliseconds(1)) / 1000, loaded,
        loaded - baseline))
    returnFreeMemory()
    report(String(format: "resident memory %.1f MB once the allocator returned its free pages", residentMegabytes()))

    let idleStart = cpuSeconds()
    try await Task.sleep(for: .seconds(options.idleSeconds))
    let idle = (cpuSeconds() - idleStart) / Double(options.idleSeconds)
    report(String(format: "idle CPU %.2f%% of one core over %d s with %d timers pending",
        idle * 100, options.idleSeconds, timers.pendingCount))

    while lateness.withLock({ $0.count }) < options.fire {
        try await Task.sleep(for: .milliseconds(200))
    }
    try await writer.drain()
    let sorted = lateness.withLock { $0 }.sorted()
    func ms(_ fraction: Double) -> Double {
        Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))] / .microseconds(1)) / 1000
    }
    report(String(format: "fired %d timers: lateness p50 %.2f ms, p99 %.2f ms, max %.2f ms; resident memory %.1f MB",
        sorted.count, ms(0.5), ms(0.99), ms(1.0), residentMegabytes()))
}
