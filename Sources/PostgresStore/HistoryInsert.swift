import PostgresNIO
import SitrepCore

/// The `INSERT` of one page of copied rows (`StoreCopyTable`): one statement with one array parameter per column
/// (`CopyColumnArray`), unnested into rows, so its text and its parameter count do not grow with the page.
///
/// Lists come back from JSON into `text[]`; `search_text` rows get their `tsvector` computed here exactly as
/// `PostgresSearchIndexer` does.
enum HistoryInsert {
    static func query(_ table: StoreCopyTable, _ rows: [StoreCopyRow]) -> PostgresQuery {
        var builder = QueryBuilder()
        let arrays = table.columns.indices.map { index in
            let column = table.columns[index]
            let placeholder = builder.bind(CopyColumnArray(kind: column.kind, values: rows.map { $0[index] }))
            return "\(placeholder)::\(CopyColumnArray.sqlType(column.kind))"
        }
        let names = table.columnNames
        var selected = table.columns.map { column in
            column.kind == .textList
                ? """
                CASE WHEN \(column.name) IS NULL THEN NULL ELSE ARRAY(
                    SELECT e FROM jsonb_array_elements_text(\(column.name)::jsonb) WITH ORDINALITY AS l (e, n) ORDER BY n) END
                """
                : column.name
        }
        var targets = names
        if table == .searchText {
            targets.append("document")
            selected.append(
                """
                setweight(to_tsvector('\(PostgresSearchIndexer.configuration)', content),
                    CASE WHEN field = 'title' THEN 'A' ELSE 'D' END::"char")
                """)
        }
        builder.append(
            """
            INSERT INTO \(table.name) (\(targets.joined(separator: ", ")))
            SELECT \(selected.joined(separator: ", "))
            FROM unnest(\(arrays.joined(separator: ", "))) AS v (\(names.joined(separator: ", ")))
            """)
        return builder.query
    }
}
