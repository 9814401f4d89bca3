/// Reads and checks `store:`, into ``SitrepConfig/Store``: a SQLite file (the default, next to the config file) or
/// a PostgreSQL database (`store.postgres`, see ``PostgresConfigReader``).
enum StoreConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case sqlite
        case postgres
    }

    /// `store.sqlite:`.
    enum SQLiteKey: String, CodingKey, CaseIterable {
        case path
    }

    static func read(_ store: ConfigReader<Key>?, context: ConfigContext) -> SitrepConfig.Store {
        let sqlite = store?.mapping(SQLiteKey.self, .sqlite)
        let sqlitePath = sqlite?.string(.path)
        let postgres = store?.mapping(PostgresConfigReader.Key.self, .postgres)

        let defaultPath = ConfigFiles.absolute(ConfigDefaults.sqlitePath, relativeTo: context.configDirectory)
        if let postgres {
            if sqlite != nil { context.report("store", "set only one of store.sqlite and store.postgres") }
            var config = SitrepConfig.Store(sqlitePath: defaultPath)
            config.postgres = PostgresConfigReader.read(postgres)
            return config
        }
        let keyPath = "store.sqlite.path"
        let path = sqlitePath ?? ConfigDefaults.sqlitePath
        guard !path.isEmpty else {
            context.report(keyPath, "must not be empty")
            return SitrepConfig.Store(sqlitePath: defaultPath)
        }
        let absolute = ConfigFiles.absolute(path, relativeTo: context.configDirectory)
        if let reason = ConfigFiles.databaseLocationProblem(absolute) {
            context.report(keyPath, reason)
        }
        return SitrepConfig.Store(sqlitePath: absolute)
    }
}
