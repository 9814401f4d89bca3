/// One try at reaching one person for one incident by one contact method: the stored record behind `!pages`,
/// the web view's page list and the page metrics.
///
/// It is claimed in the store (status `queued`) before anything is sent, under `id`, which is also the
/// idempotency key the transport carries (an email's Message-ID, a webhook header): a claim that already exists
/// is not sent again, and a `queued` attempt found at start was claimed by a process that died before it could
/// say how the send went, so it is sent again (at least once, never silently dropped).
public struct PageAttempt: Sendable, Equatable, Codable {
    /// Where an attempt stands.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Claimed, not yet known to be sent.
        case queued
        /// Handed to the transport (a chat line sent, an email accepted by the SMTP server, a webhook answered 2xx).
        case sent
        /// Sent, and the person's client reported reading it (a Matrix read receipt in the direct-message room).
        case read
        /// Could not be delivered; `reason` says why.
        case failed
        /// The person acknowledged the incident after this attempt (or through its link).
        case acknowledged
    }

    /// The idempotency key: `INC-4/tier-2/account:bob/chat/1` (incident, escalation step, person, method, round).
    public var id: String
    public var incidentID: Int64
    public var person: ChatIdentity
    /// The contact method kind (`chat`, `email`, `webhook`).
    public var method: String
    /// Where it goes: a nick, an email address, a webhook name (never a secret).
    public var address: String
    /// What paged them: `tier-2`, `manual`, `backup`.
    public var step: String
    public var status: Status
    /// Why it failed (`not on IRC`, `SMTP 550 …`), nil otherwise.
    public var reason: String?
    public var queuedAt: Timestamp
    /// When the status last changed (sent, failed or acknowledged); nil while queued.
    public var updatedAt: Timestamp?
    /// Tries that failed in a way that may pass, while the attempt waits (queued) for the next one; 0 before any.
    public var failedTries: Int
    /// When the first of those tries failed.
    public var firstFailedAt: Timestamp?
    /// When the next try is due, while the attempt waits for it (a restart keeps to it rather than sending at
    /// once and counting from one again).
    public var retryAt: Timestamp?

    public init(
        id: String, incidentID: Int64, person: ChatIdentity, method: String, address: String, step: String,
        status: Status = .queued, reason: String? = nil, queuedAt: Timestamp, updatedAt: Timestamp? = nil,
        failedTries: Int = 0, firstFailedAt: Timestamp? = nil, retryAt: Timestamp? = nil
    ) {
        self.failedTries = failedTries
        self.firstFailedAt = firstFailedAt
        self.retryAt = retryAt
        self.id = id
        self.incidentID = incidentID
        self.person = person
        self.method = method
        self.address = address
        self.step = step
        self.status = status
        self.reason = reason
        self.queuedAt = queuedAt
        self.updatedAt = updatedAt
    }

    /// The key of attempt `round` (1-based) of `method` for `person` at escalation `step` of an incident.
    public static func key(incidentID: Int64, step: String, person: ChatIdentity, method: String, round: Int) -> String {
        "INC-\(incidentID)/\(step)/\(person.kind.rawValue):\(person.name)/\(method)/\(round)"
    }

    /// The incident id of a `key`, nil if it is not one.
    public static func incidentID(ofKey key: String) -> Int64? {
        guard key.hasPrefix("INC-") else { return nil }
        return Int64(key.dropFirst(4).prefix { $0 != "/" })
    }
}

/// Durable page attempts (`PageAttempt`), in both stores.
public protocol PageAttemptStore: Sendable {
    /// Stores `attempt` as queued unless an attempt with its id exists; true when this call claimed it.
    func claimPageAttempt(_ attempt: PageAttempt) async throws -> Bool
    /// Moves attempt `id` to `status` (with `reason` for a failure) at `time`; false when no such attempt.
    /// An acknowledged attempt stays acknowledged.
    @discardableResult
    func updatePageAttempt(id: String, status: PageAttempt.Status, reason: String?, at time: Timestamp) async throws
        -> Bool
    /// A queued attempt's try failed in a way that may pass: `failedTries` so far, the first at `firstFailedAt`,
    /// the next due at `retryAt`; `lastFailure` becomes its reason until it is sent or fails. Nothing for an
    /// attempt no longer queued.
    func recordPageRetry(
        id: String, failedTries: Int, firstFailedAt: Timestamp, retryAt: Timestamp, lastFailure: String
    ) async throws
    /// The incident's attempts, oldest claim first.
    func pageAttempts(incidentID: Int64) async throws -> [PageAttempt]
    /// Every attempt still queued (claimed, never known sent), oldest first: the ones to send again at start.
    func queuedPageAttempts() async throws -> [PageAttempt]
}
