/// Durable storage of incidents, their timelines, follow-ups, timers (`TimerStore`) and alerts (`AlertStore`).
/// SQLite (GRDB) is the embedded default; PostgreSQL implements the same protocol later and must pass the same
/// test suite.
///
/// Guarantees every implementation keeps:
/// - `append` stores a batch of transcript lines in one transaction (no per-line fsync), in order.
/// - `declare` and `commit` store the incident change and its timeline entries atomically; callers confirm an
///   action in chat only after they return.
/// - Sequences are per incident, strictly increasing, with no gaps among committed entries.
public protocol IncidentStore: TimerStore, KnowledgeStore, TimelineIntegrityStore, AlertStore, LeaseStore,
    FencingStore, StreamCheckpointStore, OnCallOverrideStore, PageAttemptStore
{
    /// Creates an incident with the next free id; `make` builds it from that id (e.g. to name `#inc-N`).
    /// The declaration entries are stored in the same transaction, and so is the link of the alerts `linkingAlerts`
    /// names to the new incident (an alert retried after a crash then finds its incident, and is not declared twice).
    func declare(
        _ make: @Sendable (Int64) -> Incident, entries: @Sendable (Incident) -> [TimelineEntry],
        linkingAlerts: [Int64]
    ) async throws -> Incident

    /// Stores transcript `lines` that came before the change (any incidents), then a changed incident together
    /// with the entries that record the change, all in one transaction.
    func commit(_ incident: Incident, entries: [TimelineEntry], after lines: [TimelineEntry]) async throws

    /// Appends transcript lines (any incidents) in one transaction. Idempotent per `token`: the same lines
    /// appended again with the same token (a retry after an error, which may have come after the commit) are
    /// stored once, so a retried batch never duplicates a line nor breaks the chain.
    func append(_ entries: [TimelineEntry], token: AppendToken) async throws

    func incident(id: Int64) async throws -> Incident?
    /// The incident run in a channel, if any (open or not; the latest one).
    func incident(channel: ChatChannel) async throws -> Incident?
    func openIncidents() async throws -> [Incident]
    /// Incidents that are resolved or closed now and were resolved at or after `since`, the most recently resolved
    /// first (ties: the higher id first), at most `limit`. For the status page's "recently resolved" list.
    func resolvedIncidents(since: Timestamp, limit: Int) async throws -> [Incident]

    /// The last `limit` entries of an incident's timeline, oldest first; key events only when asked.
    func timeline(incidentID: Int64, limit: Int?, keyEventsOnly: Bool) async throws -> [TimelineEntry]
    /// The latest transcript message of `author` (nick, case-insensitive) in an incident, for `/mark`.
    func lastMessage(incidentID: Int64, author: String) async throws -> TimelineEntry?
    /// Marks an existing entry as a key event.
    func markKeyEvent(incidentID: Int64, sequence: Int64) async throws

    func addFollowUp(incidentID: Int64, text: String, owner: String?, createdBy: Participant, at: Timestamp)
        async throws -> FollowUp
    func completeFollowUp(id: Int64, at: Timestamp) async throws -> FollowUp?
    func followUps(incidentID: Int64?, openOnly: Bool) async throws -> [FollowUp]

    /// Records that the bot was alive and recording at `time`; used to show gaps after a restart.
    func heartbeat(_ time: Timestamp) async throws
    /// The last heartbeat, if any.
    func lastHeartbeat() async throws -> Timestamp?
}

extension IncidentStore {
    /// Creates an incident (see `declare(_:entries:linkingAlerts:)`) from no alert.
    public func declare(
        _ make: @Sendable (Int64) -> Incident, entries: @Sendable (Incident) -> [TimelineEntry]
    ) async throws -> Incident {
        try await declare(make, entries: entries, linkingAlerts: [])
    }

    /// Appends transcript lines (any incidents) in one transaction, under a fresh token: a caller that retries
    /// the same lines after an error must use `append(_:token:)` with one token for all its tries.
    public func append(_ entries: [TimelineEntry]) async throws {
        try await append(entries, token: AppendToken())
    }

    /// Stores a changed incident together with the entries that record the change, atomically.
    public func commit(_ incident: Incident, entries: [TimelineEntry]) async throws {
        try await commit(incident, entries: entries, after: [])
    }
}
