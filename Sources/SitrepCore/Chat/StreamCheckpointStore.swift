/// Where a network's event stream resumes (a Matrix `/sync` `next_batch`), named by the stream it belongs to
/// (`matrix`). Stored in the same transaction as the timeline lines of the batch it follows, so that after a
/// restart the stream resumes exactly after what was recorded: nothing missed, nothing recorded twice.
public struct StreamCheckpoint: Sendable, Hashable {
    /// The stream, usually the network id (`matrix`).
    public var stream: String
    /// The network's opaque resume token.
    public var position: String
    /// State that must move with the position, in the same transaction (the Matrix device's encryption keys
    /// received in the batch, as stream `matrix.crypto`): each stored under its own stream name.
    public var alongside: [StreamCheckpoint]

    public init(stream: String, position: String, alongside: [StreamCheckpoint] = []) {
        self.stream = stream
        self.position = position
        self.alongside = alongside
    }

    /// This position and everything stored alongside it, each as (stream, position).
    public var rows: [(stream: String, position: String)] {
        [(stream, position)] + alongside.flatMap(\.rows)
    }
}

/// Durable resume points of network event streams, written atomically with the lines they follow.
public protocol StreamCheckpointStore: Sendable {
    /// Appends transcript lines (any incidents, possibly none) and moves `checkpoint.stream` to
    /// `checkpoint.position`, all in one transaction.
    func append(_ entries: [TimelineEntry], checkpoint: StreamCheckpoint) async throws
    /// The last position stored for `stream`; nil if none was ever stored.
    func checkpoint(stream: String) async throws -> String?
}
