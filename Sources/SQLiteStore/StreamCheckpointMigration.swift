import GRDB

/// `v8 stream checkpoints`: where each network's event stream resumes (`StreamCheckpointStore`).
enum StreamCheckpointMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE stream_checkpoint (
                    stream TEXT PRIMARY KEY NOT NULL, position TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
    }
}
