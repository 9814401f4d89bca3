import SitrepCore

extension SitrepConfig {
    /// Where incidents are stored.
    public struct Store: Sendable, Equatable {
        /// Absolute path of the SQLite database file. Its directory may not exist yet: the loader checks only that
        /// it exists or can be created, so whoever opens the database creates missing parent directories.
        public var sqlitePath: String
        /// `store.postgres`: when set, incidents are stored in PostgreSQL and `sqlitePath` is not used.
        public var postgres: Postgres?

        /// A relative `sqlitePath` is made absolute against the current directory; the loader resolves the path
        /// written in the file against the config file's directory instead.
        public init(sqlitePath: String = ConfigDefaults.sqlitePath, postgres: Postgres? = nil) {
            self.sqlitePath = ConfigFiles.absolute(sqlitePath, relativeTo: ConfigFiles.currentDirectory)
            self.postgres = postgres
        }
    }
}
