import SitrepCore

/// Where the bot's `/sync` resumes, and the rules that keep "nothing missed, nothing recorded twice" true.
///
/// - The cursor is the `next_batch` of the last response whose events were **committed**, stored in the same
///   transaction as those events. After a crash between fetching and committing, the same `since` is asked again
///   and the same events come back: none was recorded, so none is recorded twice.
/// - The very first sync (nothing persisted) is a catch-up: it returns at once (timeout 0) with recent history;
///   that history is recorded but its commands are not run (an old `!declare` must not declare again).
/// - A live sync whose room timeline is `limited` left events out between the old cursor and the slice: that is
///   a gap to page back over (`/rooms/{id}/messages?dir=b&from=prevBatch&to=since`) or to record as a gap.
///   *Observed* on Synapse: a room the bot just joined comes `limited` too, with its whole history from
///   `m.room.create` or with `prev_batch` equal to `since`; neither leaves anything out, so neither is a gap.
/// - An empty long poll answers the same `next_batch`: there is nothing to commit.
/// - A sync made while `reconnecting` (the first of a run, the first after the homeserver stopped answering) does
///   not wait either: its answer is what tells the bot it is connected (readiness, deadlines held for the
///   network), and in a quiet room a long poll would hold that back for the whole poll (*observed*: 28–29 s of
///   "not connected to matrix" after a restart, and a due page fired 19 s after the login).
public struct MatrixSyncCursor: Sendable, Equatable {
    /// The `next_batch` committed last; nil before the first sync.
    public private(set) var since: String?
    /// Whether the next sync must answer at once: set by `reconnecting()`, cleared by `answered()`.
    public private(set) var isReconnecting = false

    /// A cursor resuming from what the store holds.
    public init(persisted since: String?) {
        self.since = since
    }

    /// The next `/sync` to make: from `since`, waiting up to `longPoll` for news; the first one, and any made while
    /// reconnecting, does not wait.
    public func nextRequest(longPoll: Duration) -> MatrixSyncRequest {
        MatrixSyncRequest(since: since, timeout: since == nil || isReconnecting ? .zero : longPoll)
    }

    /// The bot (re)starts syncing, or a sync failed: the next request does not wait, so the first answer comes at
    /// once and tells the bot it is connected.
    public mutating func reconnecting() {
        isReconnecting = true
    }

    /// The homeserver answered a sync: the next ones may long-poll.
    public mutating func answered() {
        isReconnecting = false
    }

    /// What a response means, measured against this cursor (the one it was requested with).
    public func batch(for response: MatrixSyncResponse) -> MatrixSyncBatch {
        let isCatchUp = since == nil
        var gaps: [MatrixSyncBatch.Gap] = []
        if let since, !isCatchUp {
            let rooms = response.rooms.withTimelines
            for (roomID, room) in rooms where Self.leavesEventsOut(room.timeline, since: since) {
                gaps.append(MatrixSyncBatch.Gap(roomID: roomID, from: room.timeline.prevBatch, to: since))
            }
        }
        gaps.sort { $0.roomID < $1.roomID }
        return MatrixSyncBatch(
            since: since, nextBatch: response.nextBatch, isCatchUp: isCatchUp, gaps: gaps,
            hasNews: response.nextBatch != since)
    }

    /// True if events between `since` and the first event of `timeline` were left out.
    static func leavesEventsOut(_ timeline: MatrixSyncResponse.Timeline, since: String) -> Bool {
        guard timeline.limited, timeline.prevBatch != since else { return false }
        if case .create = timeline.events.first?.content { return false }
        return true
    }

    /// Records that `batch` (its events and its `nextBatch`) was committed: the next request continues after it.
    /// A batch fetched with another cursor than this one is ignored (it was superseded), so a late or repeated
    /// commit can never move the cursor backwards.
    public mutating func committed(_ batch: MatrixSyncBatch) {
        guard batch.since == since else { return }
        since = batch.nextBatch
    }
}

/// One `/sync` request as the cursor wants it.
public struct MatrixSyncRequest: Sendable, Equatable {
    public var since: String?
    /// How long the server may hold the request open waiting for events.
    public var timeout: Duration

    public init(since: String?, timeout: Duration) {
        self.since = since
        self.timeout = timeout
    }

    /// The request path with `filterID`.
    public func path(filterID: String?) -> String {
        MatrixPath.sync(filterID: filterID, since: since, timeoutMilliseconds: timeout.milliseconds)
    }
}

/// A received `/sync` response, judged by the cursor rules: what to commit and how to treat its events.
public struct MatrixSyncBatch: Sendable, Equatable {
    /// Events left out of a room's live timeline, between `from` (the slice's `prev_batch`) back to `to` (the
    /// cursor the sync was made with).
    public struct Gap: Sendable, Equatable {
        public var roomID: String
        public var from: String?
        public var to: String

        public init(roomID: String, from: String?, to: String) {
            self.roomID = roomID
            self.from = from
            self.to = to
        }
    }

    /// The cursor this response was requested with.
    public var since: String?
    /// The cursor to persist together with this batch's events.
    public var nextBatch: String
    /// The first sync: history to record, commands not to run.
    public var isCatchUp: Bool
    public var gaps: [Gap]
    /// False when the server answered the same cursor (an empty long poll): nothing to write.
    public var hasNews: Bool
}
