/// The one row in the store that names the active sitrep instance of an active/standby pair: who holds it,
/// under which epoch, and until when.
///
/// The epoch grows by one each time the lease changes hands, never on a renewal. Every side effect is claimed in
/// the store under the epoch it was decided in, so an instance whose lease moved on cannot claim anything more
/// (fencing): the epoch, not the clock, is what makes a paused-then-woken instance harmless.
public struct Lease: Sendable, Hashable, Codable {
    /// The instance id of the holder (from config, unique per machine).
    public var holder: String
    public var epoch: Int64
    /// When the lease lapses unless renewed, by the store's clock.
    public var expiresAt: Timestamp

    public init(holder: String, epoch: Int64, expiresAt: Timestamp) {
        self.holder = holder
        self.epoch = epoch
        self.expiresAt = expiresAt
    }
}
