/// A store's whole history, read for copying into another store (`sitrep migrate-store`).
///
/// Every call sees the same snapshot, taken when the source was made, so a bot that keeps writing while the copy
/// runs changes nothing the copy reads: counts, rows and chain heads agree with each other.
public protocol StoreCopySource: Sendable {
    /// The number of rows of `table`.
    func count(of table: StoreCopyTable) async throws -> Int

    /// Up to `limit` rows of `table` in key order, after the row whose key (its first `keyCount` values) is
    /// `after` (from the first row when nil).
    func rows(of table: StoreCopyTable, after key: StoreCopyRow?, limit: Int) async throws -> [StoreCopyRow]

    /// The last timeline line of every incident that has one: its sequence and stored hash.
    func chainHeads() async throws -> [Int64: StoreCopyHead]
}

/// The last line of an incident's timeline as stored: its sequence and hash (nil when the row has none).
public struct StoreCopyHead: Sendable, Hashable, CustomStringConvertible {
    public var sequence: Int64
    public var hash: [UInt8]?

    public init(sequence: Int64, hash: [UInt8]?) {
        self.sequence = sequence
        self.hash = hash
    }

    public var description: String {
        let hex = hash.map { ChainHash(bytes: $0)?.description ?? "\($0.count) bytes" } ?? "no hash"
        return "line \(sequence), \(hex)"
    }
}
