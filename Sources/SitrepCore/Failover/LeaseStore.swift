/// Storage of the lease that makes one sitrep instance the active one (see `Lease`, `LeaseKeeper`). Part of
/// every `IncidentStore` backend, so two `sitrep run` processes pointed at the same store never both act: with
/// SQLite that is an accidental second start on one machine; with PostgreSQL it is the active/standby pair.
///
/// Guarantees every implementation keeps:
/// - `acquireLease` is one atomic compare-and-set: of two instances calling it for a free or lapsed lease,
///   exactly one gets it; the epoch grows by one each time the holder changes and never on a renewal.
/// - A lease held by someone else and not lapsed at `now` is returned unchanged.
public protocol LeaseStore: Sendable {
    /// Takes the lease for `holder` when it is free or lapsed at `now`, or renews it (same epoch) when `holder`
    /// already holds it; either way it then lasts until `now + ttl`. Returns the lease as stored afterwards,
    /// which names another holder when the lease was not free.
    func acquireLease(holder: String, ttl: Duration, now: Timestamp) async throws -> Lease
    /// Gives the lease up at once if `holder` still holds it under `epoch`, so a standby need not wait for it
    /// to lapse; a no-op otherwise.
    func releaseLease(holder: String, epoch: Int64) async throws
    /// The lease as stored, if any instance ever took it.
    func currentLease() async throws -> Lease?
}
