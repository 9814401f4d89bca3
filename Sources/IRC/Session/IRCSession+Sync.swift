extension IRCSession {
    /// How long after the JOINs at registration `.synced` waits at most for the channels' member lists.
    public static var membersWait: Duration { .seconds(5) }

    /// Starts waiting for the member lists of `channels`, joined at registration; `.synced` at once when none.
    mutating func awaitMembers(of channels: [String], now: Instant, into actions: inout [Action]) {
        awaitingMembers = Set(channels.map(roster.key))
        membersDeadline = now.advanced(by: Self.membersWait)
        actions.append(.scheduleTick(at: min(keepalive.nextDeadline, now.advanced(by: Self.membersWait))))
        emitSyncedWhenComplete(into: &actions)
    }

    /// `channel`'s member list is complete (end of WHO, or of NAMES without WHOX), or it cannot be joined.
    mutating func membersKnown(_ channel: String, into actions: inout [Action]) {
        guard awaitingMembers != nil else { return }
        awaitingMembers?.remove(roster.key(channel))
        emitSyncedWhenComplete(into: &actions)
    }

    /// The wait ran out: `.synced` with what is known.
    mutating func membersWaitPassed(now: Instant, into actions: inout [Action]) {
        guard let deadline = membersDeadline, now >= deadline, let missing = awaitingMembers else { return }
        actions.append(.log(.warning, "member lists still incomplete after \(Self.membersWait): \(missing.sorted())"))
        awaitingMembers = []
        emitSyncedWhenComplete(into: &actions)
    }

    private mutating func emitSyncedWhenComplete(into actions: inout [Action]) {
        guard awaitingMembers?.isEmpty == true else { return }
        awaitingMembers = nil
        membersDeadline = nil
        actions.append(.emit(IRCEvent(.synced)))
    }
}
