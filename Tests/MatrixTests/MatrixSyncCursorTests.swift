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

    @Test func aPersistedCursorResumesAtOnceThenLongPolls() {
        var cursor = MatrixSyncCursor(persisted: "s7")
        cursor.reconnecting()
        // The first sync after a restart answers at once, even in a quiet room: it is what says "connected".
        #expect(cursor.nextRequest(longPoll: .seconds(30)) == MatrixSyncRequest(since: "s7", timeout: .zero))
        #expect(!cursor.batch(for: Self.response("s8")).isCatchUp)
        cursor.answered()
        let request = cursor.nextRequest(longPoll: .seconds(30))
        #expect(request == MatrixSyncRequest(since: "s7", timeout: .seconds(30)))
        #expect(request.path(filterID: "0") == "/_matrix/client/v3/sync?timeout=30000&filter=0&since=s7")
    }

    @Test func theFirstSyncAfterAnOutageDoesNotWait() {
        var cursor = MatrixSyncCursor(persisted: "s7")
        cursor.answered()
        cursor.reconnecting()
        #expect(cursor.nextRequest(longPoll: .seconds(30)).timeout == .zero)
        cursor.answered()
        #expect(cursor.nextRequest(longPoll: .seconds(30)).timeout == .seconds(30))
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
        let previous = try Fixture.decode(MatrixSyncResponse.self, "sync-gap")
        let empty = try Fixture.decode(MatrixSyncResponse.self, "sync-empty")
        let cursor = MatrixSyncCursor(persisted: previous.nextBatch)
        #expect(!cursor.batch(for: empty).hasNews)
    }

    @Test func aLimitedLiveTimelineIsAGapBackToTheOldCursor() {
        let cursor = MatrixSyncCursor(persisted: "s5")
        let batch = cursor.batch(for: Self.response("s9", limitedRoom: "!busy:x", prevBatch: "p8"))
        #expect(batch.gaps == [MatrixSyncBatch.Gap(roomID: "!busy:x", from: "p8", to: "s5")])
    }

    @Test func roomsJoinedSinceTheCursorAreLimitedButLeaveNothingOut() throws {
        let initial = try Fixture.decode(MatrixSyncResponse.self, "sync-initial")
        let sync = try Fixture.decode(MatrixSyncResponse.self, "sync-incremental")
        #expect(sync.rooms.withTimelines.values.allSatisfy { $0.timeline.limited })
        #expect(MatrixSyncCursor(persisted: initial.nextBatch).batch(for: sync).gaps.isEmpty)
    }

    @Test func theCapturedGapIsFilledByPagingBackToTheCursor() throws {
        let before = try Fixture.decode(MatrixSyncResponse.self, "sync-incremental")
        let sync = try Fixture.decode(MatrixSyncResponse.self, "sync-gap")
        let batch = MatrixSyncCursor(persisted: before.nextBatch).batch(for: sync)
        let gap = try #require(batch.gaps.first)
        #expect(batch.gaps.count == 1 && gap.to == before.nextBatch)
        let room = try #require(sync.rooms.join[gap.roomID])
        #expect(gap.from == room.timeline.prevBatch)
        let page = try Fixture.decode(MatrixMessagesResponse.self, "messages-gap")
        #expect(page.isComplete(limit: 50) && !page.isComplete(limit: 3))
        let bodies = (page.chronological + room.timeline.events).compactMap { event -> String? in
            if case .message(let message) = event.content { message.body } else { nil }
        }
        #expect(bodies == (1...6).map { "while away \($0)" })
        let path = MatrixPath.messagesBackward(roomID: gap.roomID, from: try #require(gap.from), to: gap.to, limit: 50)
        #expect(path.hasSuffix("/messages?dir=b&from=\(MatrixPath.escape(try #require(gap.from)))&limit=50&to=\(gap.to)"))
    }
}
