import GRDB

/// A row of the `meta` table: a named integer the bot keeps about itself (today only the heartbeat).
struct MetaRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "meta"
    /// The last time the bot was alive and recording, in milliseconds since the epoch.
    static let heartbeat = "heartbeat"

    var name: String
    var value: Int64

    enum Columns {
        static let name = Column(CodingKeys.name)
        static let value = Column(CodingKeys.value)
    }
}
