import SitrepCore

/// Turns the words a person typed into a PostgreSQL `tsquery` expression in which each word is a bound value:
/// `phraseto_tsquery('english', $n)` per word (the tokens of one word as a phrase, like SQLite's quoted FTS5
/// strings), joined with `&&` (every word) or `||` (any word). Query syntax in the text (`&`, `|`, `!`, `:*`,
/// quotes, parentheses, `OR`) is never parsed as syntax: it is text the parser splits into words or drops.
/// A word made only of stop words (`the`, `and`) adds nothing.
enum FullTextQuery {
    /// The expression for `words`, its values bound into `query`; `words` must not be empty.
    static func expression(_ words: [Substring], mode: SearchQuery.Mode, into query: inout QueryBuilder) -> String {
        let terms = words.map { word in
            "phraseto_tsquery('\(PostgresSearchIndexer.configuration)', \(query.bind(PostgresText.encode(String(word)))))"
        }
        return "(" + terms.joined(separator: mode == .all ? " && " : " || ") + ")"
    }
}
