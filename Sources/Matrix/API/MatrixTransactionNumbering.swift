/// Numbers the bot's sends for their transaction ids, so the homeserver takes a retried send once and two
/// different sends twice: the sends an event caused are numbered from 1 under that event's id (the same reply to
/// the same event gets the same id after a restart); sends no event caused are numbered on and carry their
/// content and time (two alike in one millisecond stay two messages).
public struct MatrixTransactionNumbering: Sendable {
    /// The event the last sends were caused by, and how many sends it caused so far.
    private var lastCause: String?
    private var parts = 0
    /// Sends no event caused so far.
    private var uncaused = 0

    public init() {}

    /// The id of the next send: of kind `kind` to `target` with `text`, caused by the event `cause` (nil: none),
    /// at `now` (milliseconds since the epoch).
    public mutating func next(causedBy cause: String?, kind: String, target: String, text: String, now: Int64)
        -> MatrixTransactionID
    {
        guard let cause else {
            uncaused += 1
            return MatrixTransactionID(parts: [kind, target, text, "\(now)", "\(uncaused)"])
        }
        if lastCause != cause {
            lastCause = cause
            parts = 0
        }
        parts += 1
        return .reply(to: cause, part: parts)
    }
}
