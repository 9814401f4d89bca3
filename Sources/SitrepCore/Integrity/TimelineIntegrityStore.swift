/// What verification and export need from storage: the recorded chain of each incident's timeline.
///
/// Every implementation chains each timeline entry to the previous one of its incident as `TimelineChain`
/// describes, computing the hash when it stores the entry, in the same transaction, and records the head
/// (last sequence and hash) of each incident apart from the entries. `IncidentStore` will refine this protocol.
public protocol TimelineIntegrityStore: Sendable {
    /// Recomputes the chain of an incident in sequence order and compares it with the stored hashes and head.
    /// An incident without entries (or unknown) is intact with 0 entries and the genesis head.
    func verify(incidentID: Int64) async throws -> ChainVerification

    /// The recorded head of an incident's chain: sequence 0 and the genesis value if it has no entries.
    func chainHead(incidentID: Int64) async throws -> ChainHead

    /// Every incident id, ascending (for `sitrep verify` without an id).
    func incidentIDs() async throws -> [Int64]

    /// Up to `limit` entries of an incident with sequence greater than `sequence`, in order, each with its
    /// stored hash: pages for streaming an export.
    func chainedEntries(incidentID: Int64, after sequence: Int64, limit: Int) async throws -> [ChainedEntry]
}

/// A stored timeline entry with the hash the store recorded for it (nil if the row has none).
public struct ChainedEntry: Sendable, Equatable {
    public var entry: TimelineEntry
    public var hash: ChainHash?

    public init(entry: TimelineEntry, hash: ChainHash?) {
        self.entry = entry
        self.hash = hash
    }
}
