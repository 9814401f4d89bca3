import IRC
import NIOCore
import SitrepCore

/// What a connection's writer sends next, and when: the lines the session needs at once first, then the queued
/// lines as the server's flood budget (a token bucket) allows. A plain value with no socket and no clock of its own:
/// the client passes the time in.
struct OutboundPacer {
    /// The writer's next move.
    enum Step {
        /// Write this line now.
        case line(ByteBuffer)
        /// Nothing may go before `Duration` has passed.
        case wait(Duration)
        /// Nothing to send until something new is queued (or the budget is full for a background line).
        case idle
        /// Everything is sent after a QUIT: close the connection.
        case finish
    }

    /// What a background line (an INVITE) costs of the pacing budget: InspIRCd charges an INVITE four lines of
    /// fakelag. Sent only from a full budget, that cost comes out of idle time: the server never holds a later
    /// reply behind it.
    static let backgroundLineCost = 4

    /// The lines waiting for their turn, by priority.
    private(set) var queue = OutboundQueue()
    /// Encoded lines that go before everything queued (e.g. a PONG, or the QUIT of a graceful exit).
    var immediate: [ByteBuffer] = []
    private var bucket: TokenBucket<ContinuousClock.Instant>
    private let burst: Int
    private let linesPerSecond: Double

    init(burst: Int, linesPerSecond: Double, now: ContinuousClock.Instant) {
        self.burst = burst
        self.linesPerSecond = linesPerSecond
        self.bucket = TokenBucket(burst: burst, ratePerSecond: linesPerSecond, now: now)
    }

    /// Servers count flood limits per connection: a new connection starts with a full bucket.
    mutating func connectionOpened(now: ContinuousClock.Instant) {
        bucket = TokenBucket(burst: burst, ratePerSecond: linesPerSecond, now: now)
    }

    mutating func enqueue(_ message: IRCMessage, priority: OutboundPriority, from origin: OutboundQueue.Origin) {
        queue.enqueue(message, priority: priority, from: origin)
    }

    /// Drops the immediate lines of the lost connection; returns how many queued lines wait for the next one.
    mutating func connectionLost() -> Int {
        immediate.removeAll()
        return queue.connectionLost()
    }

    /// Whether a background line waits and the budget is full again, so the writer should be woken for it.
    func backgroundLineIsDue(now: ContinuousClock.Instant, readyForChat: Bool) -> Bool {
        queue.nextIsBackground(allowingChat: readyForChat) && bucket.delayUntilFull(now: now) == .zero
    }

    /// The writer's next move: a line when pacing allows, a wait, or the end after a QUIT. A queued message that
    /// `encode` turns down (nil) is dropped, its share of the budget spent.
    mutating func nextStep(
        now: ContinuousClock.Instant, connected: Bool, readyForChat: Bool, shuttingDown: Bool,
        encode: (IRCMessage) -> ByteBuffer?
    ) -> Step {
        while true {
            if !immediate.isEmpty { return .line(immediate.removeFirst()) }
            guard connected, queue.hasLine(allowingChat: readyForChat) else { return shuttingDown ? .finish : .idle }
            if queue.nextIsBackground(allowingChat: readyForChat), !shuttingDown {
                // Waits for a full budget without holding the writer: a reply queued meanwhile goes first; the
                // tick loop rings once the budget is full.
                guard bucket.delayUntilFull(now: now) == .zero else { return .idle }
                bucket.take(Self.backgroundLineCost, now: now)
            } else {
                let delay = bucket.delayUntilNextToken(now: now)
                if delay > .zero { return .wait(delay) }
                _ = bucket.tryTake(now: now)
            }
            if let message = queue.dequeue(allowingChat: readyForChat), let line = encode(message) { return .line(line) }
        }
    }
}
