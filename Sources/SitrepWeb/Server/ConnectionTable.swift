/// Which connections the web server keeps when a new one arrives at the limit: a pure table of open connections
/// and what each is doing, so the rule is tested without sockets.
///
/// At the limit, the new connection takes the place of the one that has waited longest without a request in
/// progress (an idle keep-alive, or a client that connected and sent nothing whole); failing that, the one that
/// has been reading a request longest (a client trickling a body). A connection whose request is being answered
/// is never cut off for a newcomer: when every open connection is answering, the new one is refused.
struct ConnectionTable {
    /// What a connection is doing, in the order they are given up to make room.
    enum Activity: Int, Comparable {
        /// Waiting for a request head.
        case idle
        /// Reading a request (head read, body not finished), or dropping the rest of one.
        case reading
        /// The request was read; its answer is being made.
        case answering

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// What to do with a connection that just opened.
    enum Admission: Equatable {
        /// Keep it.
        case accept
        /// Keep it, and close the connection with this id to make room.
        case acceptEvicting(Int)
        /// Close it at once.
        case refuse
    }

    let limit: Int
    /// Every open connection: what it does and since when (a sequence number, not a time).
    private var entries: [Int: (activity: Activity, since: UInt64)] = [:]
    private var sequence: UInt64 = 0

    init(limit: Int) {
        self.limit = limit
    }

    var count: Int { entries.count }

    /// Connection `id` opened (idle, waiting for its first request).
    mutating func opened(_ id: Int) -> Admission {
        guard entries.count >= limit else {
            set(id, .idle)
            return .accept
        }
        let candidates = entries.filter { $0.value.activity != .answering }
        let victim = candidates.min { ($0.value.activity, $0.value.since) < ($1.value.activity, $1.value.since) }
        guard let victim else { return .refuse }
        entries[victim.key] = nil
        set(id, .idle)
        return .acceptEvicting(victim.key)
    }

    /// Connection `id` changed what it is doing.
    mutating func update(_ id: Int, _ activity: Activity) {
        guard let entry = entries[id], entry.activity != activity else { return }
        set(id, activity)
    }

    /// Connection `id` closed.
    mutating func closed(_ id: Int) {
        entries[id] = nil
    }

    private mutating func set(_ id: Int, _ activity: Activity) {
        sequence += 1
        entries[id] = (activity, sequence)
    }
}
