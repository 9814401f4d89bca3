/// Turns what a person typed into an FTS5 query that means only "these words": each word becomes a quoted FTS5
/// string (`"` doubled inside), so `"`, `*`, `AND`, `OR`, `NOT`, `-`, `:`, `^` and parentheses are searched for
/// as text (the tokenizer drops punctuation) and can never be read as query syntax or break the query.
/// Words without a letter or digit are dropped, since they could only match nothing.
public enum SearchQuery {
    public enum Mode: Sendable {
        /// Every word must occur (implicit AND).
        case all
        /// Any word may occur (OR).
        case any
    }

    /// The MATCH expression for `text`, or nil when it has no searchable word. `column` restricts it to one
    /// column of the index (`title`).
    public static func match(_ text: String, mode: Mode = .all, column: String? = nil) -> String? {
        let words = words(text)
        guard !words.isEmpty else { return nil }
        let quoted = words.map { "\"" + $0.replacingAll("\"", with: "\"\"") + "\"" }
        let expression = quoted.joined(separator: mode == .all ? " " : " OR ")
        guard let column else { return expression }
        return "\(column) : (\(expression))"
    }
}

extension SearchQuery {
    /// The words of `text` a search looks for, as typed: split at whitespace, those without a letter or digit
    /// dropped, at most 32. Each is searched for as a phrase of the tokens the index makes of it; a backend
    /// that builds its query from these words (PostgreSQL's `phraseto_tsquery` per word) binds each as a value.
    public static func words(_ text: String) -> [Substring] {
        Array(
            text.split(whereSeparator: { $0.isWhitespace }).filter { word in
                word.contains { $0.isLetter || $0.isNumber }
            }.prefix(32))
    }
}

extension Substring {
    /// The text with every `target` character replaced by `replacement`.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(count + 2)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
