import Foundation
import Logging
import PostgresNIO
import PostgresStore
import SitrepCore
import Testing

/// The store on a synchronously replicated pair (`deploy/local/postgres.sh pair-up`, a fresh one per test): it
/// writes to the primary whatever order the hosts are listed in, and when the primary stops and the standby is
/// promoted, the same store object carries on with nothing it confirmed lost.
@Suite(.enabled(if: PostgresTestPair.shouldRun, "PostgreSQL 15 binaries missing: apt-get install postgresql-15"))
struct PostgresFailoverTests {
    @Test func theSameStoreCarriesOnAfterThePrimaryStopsAndTheStandbyIsPromoted() async throws {
        try await withPair(basePort: 55470) { pair in
            let records = LogLines.Records()
            let store = try await PostgresIncidentStore.open(
                configuration: pair.configuration(hosts: [pair.primary, pair.standby]),
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
            // Issued while no host accepts writes: it waits for the promotion, then lands on the new primary.
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

    @Test func withTheStandbyListedFirstTheStoreWritesToThePrimary() async throws {
        try await withPair(basePort: 55474) { pair in
            let store = try await PostgresIncidentStore.open(
                configuration: pair.configuration(hosts: [pair.standby, pair.primary]),
                logger: PostgresTestServer.logger)
            let ids = try await Fixtures.declare(1, in: store)
            try await store.append([Fixtures.line(ids[0], "on the primary")])
            #expect(try await timelineCount(pair, on: pair.primary) == 1)
            let standbyInRecovery = try await pair.withConnection(to: pair.standby) { connection in
                var inRecovery = false
                let rows = try await connection.query("SELECT pg_is_in_recovery()", logger: PostgresTestServer.logger)
                for try await value in rows.decode(Bool.self) { inRecovery = value }
                return inRecovery
            }
            #expect(standbyInRecovery, "the first host listed is the standby, still read-only")
            await store.shutdown()
        }
    }

    /// Runs `body` with a fresh pair on `basePort` and `basePort + 1`, destroyed afterwards.
    private func withPair(basePort: Int, _ body: (PostgresTestPair) async throws -> Void) async throws {
        let pair = try await PostgresTestPair.up(basePort: basePort)
        do {
            try await body(pair)
        } catch {
            await pair.destroy()
            throw error
        }
        await pair.destroy()
    }

    private func timelineCount(_ pair: PostgresTestPair, on host: PostgresStoreConfiguration.Host) async throws -> Int {
        try await pair.withConnection(to: host) { connection in
            var count: Int64 = 0
            let rows = try await connection.query("SELECT count(*) FROM timeline", logger: PostgresTestServer.logger)
            for try await value in rows.decode(Int64.self) { count = value }
            return Int(count)
        }
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
