import NIOCore
import PostgresNIO
import SitrepCore

/// The `INSERT` of one page of copied rows (`StoreCopyTable`): one multi-row `VALUES` with every value bound.
///
/// Text is escaped by `PostgresText` as the store writes it (JSON text has no NUL or DLE, so it is unchanged).
/// `search_text` rows get their `tsvector` computed here exactly as `PostgresSearchIndexer` does.
enum HistoryInsert {
    static func query(_ table: StoreCopyTable, _ rows: [StoreCopyRow]) -> PostgresQuery {
        var builder = QueryBuilder()
        let tuples = rows.map { row in
            "(" + zip(table.columns, row).map { bind($1, as: $0.kind, into: &builder) }.joined(separator: ", ") + ")"
        }
        let columns = table.columnNames.joined(separator: ", ")
        if table == .searchText {
            builder.append(
                """
                INSERT INTO search_text (\(columns), document)
                SELECT \(columns), setweight(to_tsvector('\(PostgresSearchIndexer.configuration)', content),
                    CASE WHEN field = 'title' THEN 'A' ELSE 'D' END::"char")
                FROM (VALUES \(tuples.joined(separator: ", "))) AS v (\(columns))
                """)
        } else {
            builder.append("INSERT INTO \(table.name) (\(columns)) VALUES \(tuples.joined(separator: ", "))")
        }
        return builder.query
    }

    /// Binds `value` as its column's kind (NULL typed as that kind) and returns the placeholder.
    private static func bind(_ value: StoreCopyValue, as kind: StoreCopyValue.Kind, into builder: inout QueryBuilder) -> String {
        switch (value, kind) {
        case (.integer(let int), _): return builder.bind(int)
        case (.text(let text), _): return builder.bind(PostgresText.encode(text))
        case (.textList(let list), _): return builder.bind(list.map { PostgresText.encode($0) })
        case (.boolean(let bool), _): return builder.bind(bool)
        case (.bytes(let bytes), _): return builder.bind(ByteBuffer(bytes: bytes))
        case (.null, .integer): return builder.bind(Int64?.none)
        case (.null, .text): return builder.bind(String?.none)
        case (.null, .textList): return builder.bind([String]?.none)
        case (.null, .boolean): return builder.bind(Bool?.none)
        case (.null, .bytes): return builder.bind(ByteBuffer?.none)
        }
    }
}
