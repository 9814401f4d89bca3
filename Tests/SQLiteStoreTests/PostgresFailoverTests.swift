import Foundation
import Logging
import PostgresNIO
import PostgresStore
import SitrepCore
import SitrepTestSupport
import Synchronization
import Testing
import StoreKit

/// The store on a synchronously replicated pair (`deploy/local/postgres.sh pair-up`, a fresh one per test): it
/// writes to the primary whatever order the hosts are listed in, and when the primary stops and the standby is
/// promoted, the same store object carries on with nothing it confirmed lost.
@Suite(.enabled(if: LocalPostgresPair.shouldRun, "PostgreSQL 15 binaries missing: apt-get install postgresql-15"))
struct PostgresFailoverTests {
    @Test func theSameStoreCarriesOnAfterThePrimaryStopsAndTheStandbyIsPromoted() async throws {
        try await withPair(basePort: 25470) { pair in
            let records = LogLines.Records()
            let store = try await pair.openStore(
                hosts: [pair.primary, pair.standby],
                logger: Logger(label: "sitrep.tests.failover") { _ in LogLines(records: records) })
            let ids = try await Fixtures.declare(2, in: store)
            var confirmed: [TimelineEntry] = []
            for batch in 0..<20 {
                let entries = (0..<5).map { Fixtures.line(ids[($0 + batch) % 2], "before \(batch).\($0)") }
                try await store.append(entries)
                confirmed += entries
            }
            // Synchronous replication flushed every confirmed line to the standby; its replay may trail a moment.
            try await expectWithin(.seconds(10), "every confirmed line is on the standby") {
                try await timelineCount(pair, on: pair.standby) == confirmed.count
            }

            try await pair.stopPrimary()
            // Once the store saw its host go (its watch connection closed), an append issued while no host accepts
            // writes waits for the promotion, then lands on the new primary. (Issued before that, it could go out on
            // the dying connection and end as commitOutcomeUnknown, which the busy-writer test covers.)
            try await expectWithin(.seconds(10), "the store noticed the primary is gone") {
                records.all.contains { $0.contains("PostgreSQL host lost") }
            }
            async let during: Void = store.append([Fixtures.line(ids[0], "during the failover")])
            try await pair.promote()
            let promoted = ContinuousClock.now
            try await during
            let carriedOn = promoted.duration(to: .now)
            FileHandle.standardError.write(Data("failover: the store carried on \(carriedOn) after promote\n".utf8))
            #expect(carriedOn < .seconds(15), "the first write after the promotion took \(carriedOn)")
            try await store.append([Fixtures.line(ids[1], "after the promotion")])

            for id in ids {
                let timeline = try await store.timeline(incidentID: id, limit: nil, keyEventsOnly: false)
                let stored = Set(timeline.map(\.text))
                let lost = confirmed.filter { $0.incidentID == id && !stored.contains($0.text) }.map(\.text)
                #expect(lost.isEmpty, "confirmed before the failover but gone: \(lost)")
                #expect(timeline.map(\.sequence).sorted() == Array(1...Int64(timeline.count)))
                #expect(try await store.verify(incidentID: id).brokenAt == nil)
            }
            #expect(try await timelineCount(pair, on: pair.standby) == confirmed.count + 2)
            #expect(records.all.contains { $0.contains("PostgreSQL host lost") }, "\(records.all)")
            #expect(!records.all.contains { $0.contains(pair.password) }, "the password is never logged")
            await store.shutdown()
        }
    }

    @Test func aWriterKeptBusyThroughTheFailoverLosesNothingItWasToldWasStored() async throws {
        try await withPair(basePort: 25478) { pair in
            let store = try await pair.openStore(hosts: [pair.primary, pair.standby])
            let ids = try await Fixtures.declare(2, in: store)
            let stop = StopFlag()
            async let written = appendOneByOne(until: stop, into: store, incidents: ids)
            try await expectWithin(.seconds(10), "the writer is busy") {
                try await timelineCount(pair, on: pair.primary) >= 20
            }
            try await pair.stopPrimary()
            try await pair.promote()
            let atPromotion = try await timelineCount(pair, on: pair.standby)
            try await expectWithin(.seconds(15), "the writer carries on on the new primary") {
                try await timelineCount(pair, on: pair.standby) >= atPromotion + 20
            }
            stop.set()
            let (confirmed, unknown) = try await written
            FileHandle.standardError.write(
                Data("failover: \(confirmed.count) appends confirmed, \(unknown.count) of unknown outcome\n".utf8))
            var texts: [String] = []
            for id in ids {
                texts += try await store.timeline(incidentID: id, limit: nil, keyEventsOnly: false).map(\.text)
                #expect(try await store.verify(incidentID: id).brokenAt == nil)
            }
            let stored = Set(texts)
            #expect(confirmed.filter { !stored.contains($0) }.isEmpty, "every confirmed append is stored")
            #expect(stored.isSubset(of: Set(confirmed + unknown)), "nothing stored that was not written")
            #expect(texts.count == stored.count, "no line stored twice")
            // Appends are idempotent (their token), so the store repeats the one in flight on the new primary.
            #expect(unknown.isEmpty, "no append of unknown outcome: \(unknown)")
            await store.shutdown()
        }
    }

    /// Claims (timers, pages) made one after another through the failover: the one in flight when the primary
    /// stops is settled by reading it back on the new primary, so none ends as unknown and none is refused.
    @Test func claimsKeptBusyThroughTheFailoverAreNeitherLostNorOfUnknownOutcome() async throws {
        try await withPair(basePort: 45443) { pair in
            let store = try await pair.openStore(hosts: [pair.primary, pair.standby])
            let lease = try await store.acquireLease(holder: "a", ttl: .seconds(600), now: Fixtures.start)
            let stop = StopFlag()
            async let claims: (claimed: [String], refused: [String], unknown: [String]) = {
                var outcome: (claimed: [String], refused: [String], unknown: [String]) = ([], [], [])
                while !stop.isSet {
                    let key = "page \(outcome.claimed.count + outcome.refused.count + outcome.unknown.count)"
                    do {
                        if try await store.claimEffect(key, holder: "a", epoch: lease.epoch, at: Fixtures.start) {
                            outcome.claimed.append(key)
                        } else {
                            outcome.refused.append(key)
                        }
                    } catch StoreError.commitOutcomeUnknown {
                        outcome.unknown.append(key)
                    }
                }
                return outcome
            }()
            try await Task.sleep(for: .milliseconds(500))
            try await pair.stopPrimary()
            try await pair.promote()
            try await Task.sleep(for: .seconds(1))
            stop.set()
            let (claimed, refused, unknown) = try await claims
            FileHandle.standardError.write(
                Data("failover: \(claimed.count) claims, \(refused.count) refused, \(unknown.count) unknown\n".utf8))
            #expect(refused.isEmpty, "fresh claims refused (their effect would never be sent): \(refused)")
            #expect(unknown.isEmpty, "claims of unknown outcome: \(unknown)")
            #expect(claimed.count > 20)
            await store.shutdown()
        }
    }

    @Test func withTheStandbyListedFirstTheStoreWritesToThePrimary() async throws {
        try await withPair(basePort: 25474) { pair in
            let store = try await pair.openStore(hosts: [pair.standby, pair.primary])
            let ids = try await Fixtures.declare(1, in: store)
            try await store.append([Fixtures.line(ids[0], "on the primary")])
            #expect(try await timelineCount(pair, on: pair.primary) == 1)
            let standbyInRecovery = try await pair.withConnection(to: pair.standby) { connection in
                var inRecovery = false
                let rows = try await connection.query("SELECT pg_is_in_recovery()", logger: LocalPostgres.logger)
                for try await value in rows.decode(Bool.self) { inRecovery = value }
                return inRecovery
            }
            #expect(standbyInRecovery, "the first host listed is the standby, still read-only")
            await store.shutdown()
        }
    }

    /// Runs `body` with a fresh pair on `basePort` and `basePort + 1`, destroyed afterwards.
    private func withPair(basePort: Int, _ body: (LocalPostgresPair) async throws -> Void) async throws {
        let pair = try await LocalPostgresPair.up(basePort: basePort)
        do {
            try await body(pair)
        } catch {
            await pair.destroy()
            throw error
        }
        await pair.destroy()
    }

    private func timelineCount(_ pair: LocalPostgresPair, on host: LocalPostgres) async throws -> Int {
        try await pair.withConnection(to: host) { connection in
            var count: Int64 = 0
            let rows = try await connection.query("SELECT count(*) FROM timeline", logger: LocalPostgres.logger)
            for try await value in rows.decode(Int64.self) { count = value }
            return Int(count)
        }
    }

    /// Appends one line at a time, alternating between `ids`, until `stop` is set; returns the texts confirmed and
    /// those whose commit outcome the store could not know (any other error fails the test).
    private func appendOneByOne(until stop: StopFlag, into store: PostgresIncidentStore, incidents ids: [Int64])
        async throws -> (confirmed: [String], unknown: [String])
    {
        var confirmed: [String] = []
        var unknown: [String] = []
        while !stop.isSet {
            let number = confirmed.count + unknown.count
            let line = Fixtures.line(ids[number % ids.count], "line \(number)")
            do {
                try await store.append([line])
                confirmed.append(line.text)
            } catch StoreError.commitOutcomeUnknown {
                unknown.append(line.text)
            }
        }
        return (confirmed, unknown)
    }

    /// Tells a loop in another task to end.
    private final class StopFlag: Sendable {
        private let value = Mutex(false)
        var isSet: Bool { value.withLock { $0 } }
        func set() { value.withLock { $0 = true } }
    }

    /// Asks `condition` every 50 ms until it holds; records an issue naming `what` if it does not within `limit`.
    private func expectWithin(
        _ limit: Duration, _ what: String, _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("not within \(limit): \(what)")
    }
}
