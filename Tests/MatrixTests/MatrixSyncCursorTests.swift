import Matrix
import Testing

@Suite struct MatrixSyncCursorTests {
    static func response(_ next: String, limitedRoom: String? = nil, prevBatch: String? = "p1") -> MatrixSyncResponse {
        var rooms = MatrixSyncResponse.Rooms()
        if let limitedRoom {
            rooms.join[limitedRoom] = .init(timeline: .init(events: [], limited: true, prevBatch: prevBatch))
            rooms.join["!calm:x"] = .init(timeline: .init(events: [], limited: false, prevBatch: "p0"))
        }
        return MatrixSyncResponse(nextBatch: next, rooms: rooms)
    }

    @Test func theFirstSyncIsACatchUpThatDoesNotWait() {
        let cursor = MatrixSyncCursor(persisted: nil)
        #expect(cursor.nextRequest(longPoll: .seconds(30)) == MatrixSyncRequest(since: nil, timeout: .zero))
        let batch = cursor.batch(for: Self.response("s1", limitedRoom: "!busy:x"))
        #expect(batch.isCatchUp && batch.hasNews && batch.gaps.isEmpty)
        #expect(batch.nextBatch == "s1")
    }

    @Test func aPersistedCursorResumesWithALongPoll() {
        let cursor = MatrixSyncCursor(persisted: "s7")
        let request = cursor.nextRequest(longPoll: .seconds(30))
        #expect(request == MatrixSyncRequest(since: "s7", timeout: .seconds(30)))
        #expect(request.path(filterID: "0") == "/_matrix/client/v3/sync?timeout=30000&filter=0&since=s7")
        #expect(!cursor.batch(for: Self.response("s8")).isCatchUp)
    }

    @Test func theCursorMovesOnlyWhenTheBatchIsCommitted() {
        var cursor = MatrixSyncCursor(persisted: "s1")
        let batch = cursor.batch(for: Self.response("s2"))
        // Not committed (crash, failed transaction): the same request again, the same events come back.
        #expect(cursor.nextRequest(longPoll: .seconds(30)).since == "s1")
        cursor.committed(batch)
        #expect(cursor.since == "s2")
        #expect(cursor.nextRequest(longPoll: .seconds(30)).since == "s2")
    }

    @Test func aStaleOrRepeatedCommitNeverMovesTheCursorBack() {
        var cursor = MatrixSyncCursor(persisted: "s1")
        let first = cursor.batch(for: Self.response("s2"))
        cursor.committed(first)
        let second = cursor.batch(for: Self.response("s3"))
        cursor.committed(second)
        cursor.committed(first)
        #expect(cursor.since == "s3")
    }

    @Test func restartingFromThePersistedValueContinuesExactlyThere() {
        var running = MatrixSyncCursor(persisted: nil)
        running.committed(running.batch(for: Self.response("s1")))
        running.committed(running.batch(for: Self.response("s2")))
        let restarted = MatrixSyncCursor(persisted: running.since)
        #expect(restarted == running)
        #expect(restarted.nextRequest(longPoll: .seconds(30)) == running.nextRequest(longPoll: .seconds(30)))
    }

    @Test func anEmptyLongPollHasNothingToCommit() throws {
        let incremental = try Fixture.decode(MatrixSyncResponse.self, "sync-incremental")
        let empty = try Fixture.decode(MatrixSyncResponse.self, "sync-empty")
        let cursor = MatrixSyncCursor(persisted: incremental.nextBatch)
        #expect(!cursor.batch(for: empty).hasNews)
    }

    @Test func aLimitedLiveTimelineIsAGapBackToTheOldCursor() {
        let cursor = MatrixSyncCursor(persisted: "s5")
        let batch = cursor.batch(for: Self.response("s9", limitedRoom: "!busy:x", prevBatch: "p8"))
        #expect(batch.gaps == [MatrixSyncBatch.Gap(roomID: "!busy:x", from: "p8", to: "s5")])
    }

    @Test func theCapturedIncrementalSyncShowsGapsForTheRoomsJoinedLate() throws {
        let sync = try Fixture.decode(MatrixSyncResponse.self, "sync-incremental")
        let batch = MatrixSyncCursor(persisted: "s11").batch(for: sync)
        #expect(batch.gaps.count == 3)  // two joined rooms and the room the bot was kicked from, all `limited`
        #expect(batch.gaps.allSatisfy { $0.to == "s11" && $0.from != nil })
    }
}
