/// The words of a title that say what it is about: lower-cased, split on anything but letters and digits,
/// without stop words and one-letter words, with a plural `s` removed (`500s` → `500`, `errors` → `error`).
/// Used to find similar titles (suggestions, recurring incidents).
public enum SignificantWords {
    /// Common English and incident-speak words that make any two titles look alike.
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is", "it",
        "its", "of", "on", "or", "the", "to", "was", "were", "with", "not", "no", "all", "some", "after", "before",
        "issue", "issues", "problem", "problems", "incident", "down", "up", "again", "still", "very", "high",
        "low", "new", "old", "we", "our", "us", "this", "that",
    ]

    public static func of(_ text: String) -> Set<String> {
        var words = Set<String>()
        for raw in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            guard raw.count >= 2, !stopWords.contains(String(raw)) else { continue }
            words.insert(stem(raw))
        }
        return words
    }

    /// Drops a plural `s` (not `ss`) from words of four or more characters.
    static func stem(_ word: Substring) -> String {
        guard word.count >= 4, word.hasSuffix("s"), !word.hasSuffix("ss") else { return String(word) }
        return String(word.dropLast())
    }
}
