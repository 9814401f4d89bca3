import GRDB
import Synchronization

/// Moves the WAL into the database file off the write path.
///
/// SQLite's automatic checkpoint runs inside the committing transaction, so every thousand pages a commit
/// pays for copying the WAL and an fsync: milliseconds on the path of a command's confirmation. sitrep turns it
/// off (`wal_autocheckpoint = 0`) and runs PASSIVE checkpoints on a connection of its own instead, after enough
/// rows were written or at the heartbeat; a passive checkpoint never blocks the writer or the readers.
final class BackgroundCheckpointer: Sendable {
    private struct State {
        var rowsSinceCheckpoint = 0
        var running = false
    }

    private let connection: DatabaseQueue
    private let threshold: Int
    private let state = Mutex(State())

    init(path: String, threshold: Int = 100_000) throws {
        var configuration = Configuration()
        configuration.label = "sitrep.store.checkpoint"
        configuration.busyMode = .timeout(5)
        self.connection = try DatabaseQueue(path: path, configuration: configuration)
        self.threshold = threshold
    }

    /// Counts written rows; starts a checkpoint in the background once enough have accumulated.
    func rowsWritten(_ count: Int) {
        let start = state.withLock { state in
            state.rowsSinceCheckpoint += count
            guard state.rowsSinceCheckpoint >= threshold, !state.running else { return false }
            state.running = true
            state.rowsSinceCheckpoint = 0
            return true
        }
        if start { checkpoint() }
    }

    /// Checkpoints now if anything was written since the last one (the heartbeat calls this).
    func checkpointIfDirty() {
        let start = state.withLock { state in
            guard state.rowsSinceCheckpoint > 0, !state.running else { return false }
            state.running = true
            state.rowsSinceCheckpoint = 0
            return true
        }
        if start { checkpoint() }
    }

    private func checkpoint() {
        connection.asyncWriteWithoutTransaction { [self] db in
            _ = try? db.checkpoint(.passive)
            self.state.withLock { $0.running = false }
        }
    }
}
