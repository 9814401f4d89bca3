/// The crash points of each durable path. Each flow's list is what a crash test walks; keep a point's name
/// stable (tests and scripts name it in `SITREP_CRASH_AT`).
extension CrashPoint {
    /// Timers: a deadline checked against the lease, its firing stored (claim, change, next plan and what it
    /// sends, in one transaction), its lines handed to chat, a command's newer plan stored.
    public static let timerPoints: [CrashPoint] = [.timerClaimed, .timerCommitted, .timerSent, .timerReplanned]
    /// The deadline passed and this instance may act (a pair's lease checked in the store); nothing stored yet.
    public static let timerClaimed = CrashPoint("timer.claimed")
    /// The firing stored: the timer claimed, the incident changed, the next tier planned, the sends recorded;
    /// nothing sent.
    public static let timerCommitted = CrashPoint("timer.committed")
    /// The firing's lines and pages handed to the chat network (perhaps not yet written to the socket).
    public static let timerSent = CrashPoint("timer.sent")
    /// After the plan was checked against commands that changed the incident while the firing was stored.
    public static let timerReplanned = CrashPoint("timer.replanned")

    /// Commands: a confirmed command's change committed, its reply not yet handed to chat.
    public static let commandPoints: [CrashPoint] = [.declareCommitted, .commandCommitted, .commandReplied]
    /// A declaration committed (incident and entries); no channel made, no reply.
    public static let declareCommitted = CrashPoint("declare.committed")
    /// A command's change committed; no reply sent.
    public static let commandCommitted = CrashPoint("command.committed")
    /// A command's reply handed to the chat network.
    public static let commandReplied = CrashPoint("command.replied")

    /// Alerts: a webhook call taken in, an incident declared from it.
    public static let alertPoints: [CrashPoint] = [.alertStored, .alertDeclared]
    /// The alerts of a webhook call stored; nothing declared or posted.
    public static let alertStored = CrashPoint("alert.stored")
    /// An incident declared from an alert; not yet announced.
    public static let alertDeclared = CrashPoint("alert.declared")

    /// Matrix: a sync batch recorded, its checkpoint stored.
    public static let matrixPoints: [CrashPoint] = [.matrixBatchRecorded, .matrixCheckpointed]
    /// A sync batch's lines recorded; its checkpoint (`next_batch`) not stored yet. Batches without lines (presence,
    /// receipts, typing) do not reach it.
    public static let matrixBatchRecorded = CrashPoint("matrix.batch-recorded")
    /// A sync batch's checkpoint stored, for a batch with lines.
    public static let matrixCheckpointed = CrashPoint("matrix.checkpointed")

    /// Matrix paging: a read receipt that marks a chat page read.
    public static let matrixReadPoints: [CrashPoint] = [.matrixReadReceived]
    /// A person's read receipt in a direct-message room taken from a sync batch; the chat page it reads not yet
    /// marked read in the store.
    public static let matrixReadReceived = CrashPoint("matrix.read-received")

    /// Failover: an instance took the lease; it has not yet rejoined or resent.
    public static let failoverPoints: [CrashPoint] = [.takeoverLeased]
    /// The lease taken; the takeover's gap entries and resends not done yet.
    public static let takeoverLeased = CrashPoint("takeover.leased")
}

extension CrashPoint {
    /// The paging flow's points.
    public static let pagingPoints: [CrashPoint] = [.pageClaimed, .outOfChatPageClaimed]
    /// A page attempt claimed in the store (status queued), nothing sent yet: after a restart it is sent again.
    public static let pageClaimed = CrashPoint("page.claimed")
    /// An email or webhook page attempt claimed (queued), not sent yet: after a restart it is sent again with the
    /// same idempotency key.
    public static let outOfChatPageClaimed = CrashPoint("page.out-of-chat-claimed")
}
