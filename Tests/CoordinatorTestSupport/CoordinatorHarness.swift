import Foundation
import IncidentRuntime
import Logging
import SQLiteStore
import SitrepCore

/// A coordinator over a real SQLite file in a fresh temporary folder, with a recording network and a manual
/// wall clock; the timeline writer runs for the duration of `run`.
public struct CoordinatorHarness: Sendable {
    public let store: SQLiteIncidentStore
    public let network: RecordingChatNetwork
    public let coordinator: IncidentCoordinator
    public let writer: TimelineWriter
    public let timers: TimerService
    public static let start: Int64 = 1_764_000_000_000

    public static let alice = Participant(identity: .account("alice"), nick: "alice")
    public static let bob = Participant(identity: .account("bob"), nick: "bob")
    public static let carol = Participant(identity: .account("carol"), nick: "carol")
    public static let mallory = Participant(identity: .nick("mallory"), nick: "mallory")

    public static let settings = CoordinatorSettings(
        permissions: Permissions(commanders: [.account("alice")], responders: [.account("bob")]),
        announceChannel: "#incidents")

    /// SEV1: tier 1 (bob) at the 60 s acknowledge deadline, tier 2 (team dba: dave) 120 s later; updates every
    /// 300 s.
    public static let timerPolicy = TimerPolicy(
        escalationBySeverity: [
            .sev1: EscalationPolicy(
                name: "critical",
                tiers: [
                    .init(notify: [.person(.account("bob"))], after: .seconds(60)),
                    .init(notify: [.team("dba")], after: .seconds(120)),
                ])
        ],
        timersBySeverity: [.sev1: SeverityTimers(acknowledgeDeadline: .seconds(60), updateEvery: .seconds(300))],
        teams: ["dba": [.account("dave")]])

    /// Runs `body` with a harness over the database in `directory` (a new temporary one when nil). The timer
    /// service is not running: tests fire timers by calling the coordinator with an explicit time. `metrics`
    /// goes to the writer and the coordinator; `fence`, built over the store, is the coordinator's (none when nil).
    public static func run(
        directory: URL? = nil, settings: CoordinatorSettings = settings, metrics: SitrepMetrics = .disabled,
        fence: (@Sendable (SQLiteIncidentStore) -> any EffectFence)? = nil, commandPrefix: String = "!",
        _ body: @Sendable (CoordinatorHarness) async throws -> Void
    ) async throws {
        let folder = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent(
            "sitrep-coordinator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(at: folder) } }
        let store = try SQLiteIncidentStore(path: folder.appendingPathComponent("sitrep.sqlite").path)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let writer = TimelineWriter(store: store, logger: logger, metrics: metrics)
        let network = RecordingChatNetwork(prefix: commandPrefix)
        let timers = TimerService(clock: { Timestamp(milliseconds: start) }, logger: logger)
        let harness = CoordinatorHarness(
            store: store, network: network,
            coordinator: IncidentCoordinator(
                store: store, writer: writer, network: network, settings: settings, logger: logger,
                clock: { Timestamp(milliseconds: start) }, timers: timers, metrics: metrics, fence: fence?(store)),
            writer: writer, timers: timers)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            defer { group.cancelAll() }
            try await harness.coordinator.start()
            try await body(harness)
            try await writer.drain()
        }
    }

    /// `who` says `text` in `channel` (nil: a private message to the bot) at the given second.
    public func say(_ text: String, by who: Participant, in channel: String?, at second: Int64 = 0) async {
        let event = ChatEvent(
            kind: .message(text: text, style: .plain), channel: channel.map { ChatChannel(name: $0) }, sender: who,
            time: Timestamp(milliseconds: Self.start + second * 1000))
        await coordinator.handle(event)
    }

    /// The moment `second` seconds after the start.
    public static func at(_ second: Int64) -> Timestamp {
        Timestamp(milliseconds: start + second * 1000)
    }

    /// Fires every timer of `incident` due by `second`, as the timer service would at that time: taken off the
    /// service's queue first, then handed to the coordinator.
    public func fireDue(_ incident: Int64, by second: Int64) async throws {
        let pending = timers.timers(of: incident)
        let due = pending.filter { $0.due <= Self.at(second) }
        timers.replace(incidentID: incident, with: pending.filter { $0.due > Self.at(second) })
        for timer in due {
            await coordinator.timerFired(timer, at: Self.at(second))
        }
        try await settle()
    }

    /// Everything queued is on disk.
    public func settle() async throws {
        try await writer.drain()
    }

    public func timeline(_ id: Int64) async throws -> [TimelineEntry] {
        try await settle()
        return try await store.timeline(incidentID: id, limit: nil, keyEventsOnly: false)
    }
}
