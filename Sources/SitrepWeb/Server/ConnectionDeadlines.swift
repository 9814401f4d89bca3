/// When one connection of the web server must be closed for being idle or slow: a pure state machine over the
/// HTTP parts read and written, with time passed in, so every rule is tested without a socket or a sleep.
///
/// - Before the first request's head: `readTimeout` from the connection's opening (a client that connects and
///   says nothing, or trickles a header, is closed after it).
/// - While a request body is read: `readTimeout` since the last part read.
/// - While the answer is being prepared (request read): no deadline; the handler's own time is not the client's.
/// - Between requests on a kept-alive connection: `idleTimeout` from the end of the last answer.
/// - An answer that starts before its request was read whole (a 413 for a body over the limit) closes the
///   connection: the rest of the request is read and dropped (so a client that writes its whole body before
///   reading gets its answer) for at most `readTimeout`, then the connection is closed. Reading such a body to
///   its end as the next request's prelude would let a client send gigabytes.
struct ConnectionDeadlines<Instant: InstantProtocol<Duration>> {
    /// What the connection's handler must do after an event.
    enum Action: Equatable {
        /// Nothing now; make sure a timer fires at `deadline` (if any).
        case none
        /// Close the connection.
        case close
        /// Stop passing what is read on, read and drop the rest, close the output side.
        case startDraining
    }

    private enum Phase: Equatable {
        /// No request in progress; waiting for the next head.
        case awaitingHead(since: Instant, first: Bool)
        /// A head was read, its end not yet.
        case readingBody(lastRead: Instant)
        /// The request was read whole; the answer is not finished.
        case responding
        /// The answer went out and the connection closes; the rest of the request is dropped.
        case draining(since: Instant)
    }

    let limits: WebServerLimits
    private var phase: Phase
    /// The answer to the request being read or answered closes the connection.
    private var closesAfterAnswer = false

    init(limits: WebServerLimits, openedAt now: Instant) {
        self.limits = limits
        self.phase = .awaitingHead(since: now, first: true)
    }

    /// When the connection is to be closed if nothing happens first; nil while an answer is being prepared.
    var deadline: Instant? {
        switch phase {
        case .awaitingHead(let since, let first): since.advanced(by: first ? limits.readTimeout : limits.idleTimeout)
        case .readingBody(let lastRead): lastRead.advanced(by: limits.readTimeout)
        case .responding: nil
        case .draining(let since): since.advanced(by: limits.readTimeout)
        }
    }

    /// What the connection is doing, for the connection limit.
    var activity: ConnectionTable.Activity {
        switch phase {
        case .awaitingHead: .idle
        case .readingBody, .draining: .reading
        case .responding: .answering
        }
    }

    /// Whether what is read is dropped rather than passed on.
    var isDraining: Bool {
        if case .draining = phase { return true }
        return false
    }

    /// A request head was read; `closes` when it asks for the connection to close after the answer.
    mutating func headRead(at now: Instant, closes: Bool) {
        guard !isDraining else { return }
        phase = .readingBody(lastRead: now)
        closesAfterAnswer = closes
    }

    /// A piece of a request body was read.
    mutating func bodyRead(at now: Instant) {
        if case .readingBody = phase { phase = .readingBody(lastRead: now) }
    }

    /// The request's end was read.
    mutating func endRead(at now: Instant) {
        guard case .readingBody = phase else { return }
        phase = .responding
    }

    /// An answer's head was written; `closes` when it says `Connection: close`. Returns whether the connection
    /// closes after this answer (which must then say `Connection: close`).
    mutating func answerHeadWritten(closes: Bool) -> Bool {
        if case .readingBody = phase { closesAfterAnswer = true }
        if closes { closesAfterAnswer = true }
        return closesAfterAnswer
    }

    /// An answer was written to its end.
    mutating func answerEnded(at now: Instant) -> Action {
        switch phase {
        case .responding:
            if closesAfterAnswer { return .close }
            phase = .awaitingHead(since: now, first: false)
            return .none
        case .readingBody:
            phase = .draining(since: now)
            return .startDraining
        case .awaitingHead, .draining:
            return .none
        }
    }

    /// The timer set for `deadline` fired at `now`.
    func timerFired(at now: Instant) -> Action {
        guard let deadline, now >= deadline else { return .none }
        return .close
    }
}
