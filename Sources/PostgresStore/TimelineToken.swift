import Logging
import PostgresNIO
import SitrepCore

/// The tokens of timeline writes (`timeline_token`), which make those writes idempotent: each records its token
/// first, in its own transaction, and writes nothing when the token was there already (an earlier try of the same
/// write committed before its host went away). So the store can repeat such a write on the next host whatever
/// became of its commit (`PostgresConnector.run(idempotent:)`), and a caller's retry with the same token is
/// harmless too.
enum TimelineToken {
    /// How long a token is kept: far longer than any retry of a write.
    static let retentionMilliseconds: Int64 = 24 * 3600 * 1000

    /// Records `token` in the transaction on `connection`; false when it was recorded before, and the transaction
    /// must then write nothing. Two tries racing on two connections serialize on the primary key.
    static func record(_ token: AppendToken, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let now = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint"
        if token.prunes {
            try await connection.query(
                "DELETE FROM timeline_token WHERE stored_ms < \(unescaped: now) - \(retentionMilliseconds)",
                logger: logger)
        }
        let recorded = try await connection.rows(
            """
            INSERT INTO timeline_token (token, stored_ms) VALUES (\(token.value), \(unescaped: now))
            ON CONFLICT (token) DO NOTHING RETURNING token
            """, logger: logger)
        return !recorded.isEmpty
    }
}
