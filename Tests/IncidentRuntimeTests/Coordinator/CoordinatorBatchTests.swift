import CoordinatorTestSupport
import IncidentRuntime
import SitrepCore
import Synchronization
import Testing

/// A batch of chat events (one socket read) is handled exactly as the same events one by one: plain lines
/// recorded in order, commands and words to the bot run in their place, the lead's lines still count as the
/// lead speaking, so the timeline is the same either way.
@Suite struct CoordinatorBatchTests {
    typealias H = CoordinatorHarness

    static func line(_ text: String, by who: Participant, in channel: String? = "#inc-1", at second: Int64)
        -> ChatEvent
    {
        ChatEvent(
            kind: .message(text: text, style: .plain), channel: channel.map { ChatChannel(name: $0) }, sender: who,
            time: H.at(second))
    }

    static let events: [ChatEvent] = [
        line("error rate is 40%", by: H.bob, at: 10),
        line("!ack", by: H.bob, at: 11),
        line("rolling back deploy 4521", by: H.alice, at: 12),
        line("sitrep, status", by: H.alice, at: 13),
        line("not in an incident", by: H.bob, in: "#ops", at: 14),
        ChatEvent(
            kind: .message(text: "waves", style: .action), channel: ChatChannel(name: "#inc-1"), sender: H.bob,
            time: H.at(15)),
        line("!note rollback done", by: H.bob, at: 16),
    ]

    /// What the timeline of incident 1 holds after `deliver` ran the events, as (kind, author, text).
    static func timeline(_ deliver: @Sendable (CoordinatorHarness) async -> Void) async throws -> [String] {
        let lines = Mutex<[String]>([])
        try await H.run { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            await deliver(h)
            let recorded = try await h.timeline(1).map { "\($0.kind) \($0.author): \($0.text)" }
            lines.withLock { $0 = recorded }
        }
        return lines.withLock { $0 }
    }

    @Test func aBatchRecordsAndAnswersExactlyAsTheEventsOneByOne() async throws {
        let oneByOne = try await Self.timeline { h in
            for event in Self.events { await h.coordinator.handle(event) }
        }
        let batched = try await Self.timeline { h in await h.coordinator.handle(batch: Self.events) }
        #expect(batched == oneByOne)
        #expect(batched.contains("message bob: error rate is 40%"))
        #expect(!batched.contains { $0.hasSuffix("not in an incident") }, "a line outside the channel is not recorded")
        let observation = try #require(batched.firstIndex(of: "message bob: error rate is 40%"))
        let ack = try #require(batched.firstIndex { $0.contains("acknowledged by bob") })
        let rollback = try #require(batched.firstIndex(of: "message alice: rolling back deploy 4521"))
        #expect(observation < ack && ack < rollback, "the command's answer sits between the lines around it")
    }

    /// SEV2 nags a quiet lead after ten minutes of silence.
    static let quietLeadSettings: CoordinatorSettings = {
        var settings = H.settings
        settings.timerPolicy = TimerPolicy(timersBySeverity: [.sev2: SeverityTimers(quietCommanderAfter: .seconds(600))])
        return settings
    }()

    /// Alice takes the lead with `!lead`, then speaks, both in one batch.
    static let leadThenSpeak: [ChatEvent] = [
        line("!lead", by: H.alice, at: 100),
        line("checking the dashboards", by: H.alice, at: 200),
    ]

    /// The keys of incident 1's quiet-commander timers after `deliver` ran.
    static func quietLeadTimers(_ deliver: @Sendable (CoordinatorHarness) async -> Void) async throws -> [String] {
        let keys = Mutex<[String]>([])
        try await H.run(settings: quietLeadSettings) { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            await deliver(h)
            try await h.settle()
            let timers = h.timers.timers(of: 1).map(\.id).filter { $0.kind == .quietCommander }.map(\.key)
            keys.withLock { $0 = timers }
        }
        return keys.withLock { $0 }
    }

    /// What a channel means for recording is looked up once per run of lines and must be looked up again after an
    /// event that runs in full: the `!lead` makes alice the lead, so her next line of the same batch is the lead
    /// speaking (the quiet-lead clock restarts at it), not a line only to record.
    @Test func aLeadChosenInABatchCountsForTheNextLineOfThatBatch() async throws {
        let batched = try await Self.quietLeadTimers { h in await h.coordinator.handle(batch: Self.leadThenSpeak) }
        let oneByOne = try await Self.quietLeadTimers { h in
            for event in Self.leadThenSpeak { await h.coordinator.handle(event) }
        }
        #expect(batched == ["nag-\(H.at(200).milliseconds)"], "the nag counts ten minutes from alice's line")
        #expect(batched == oneByOne)
    }
}
