import SitrepCore

/// Advice for YAML pitfalls, shared by the readers.
enum YAMLHint {
    /// For a blank value or list element where a name was expected.
    static let unquotedHash =
        "is empty; quote names that start with # (\"#ops\"): YAML reads an unquoted # as a comment"
}

/// A coding key for any string or index, used to list the keys actually present in a mapping.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Array where Element == any CodingKey {
    /// `irc.sasl.account`, `irc.channels[2]`.
    var configKeyPath: String { dottedPath }
}

/// Typo protection: explains an unknown key and suggests the closest known one.
enum UnknownKey {
    static func reason(for key: String, known: [String]) -> String {
        guard let suggestion = suggestion(for: key, known: known) else {
            return "unknown key; expected one of \(known.joined(separator: ", "))"
        }
        return "unknown key; did you mean \(suggestion)?"
    }

    /// The known key equal to `key` up to case and separators (`passwordFile`), else the closest within a small
    /// edit distance.
    static func suggestion(for key: String, known: [String]) -> String? {
        let normalized = normalize(key)
        if let match = known.first(where: { normalize($0) == normalized }) { return match }
        let limit = key.count <= 4 ? 1 : 2
        let scored = known.map { (key: $0, distance: editDistance(normalized, normalize($0))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= limit else { return nil }
        return best.key
    }

    private static func normalize(_ key: String) -> String {
        key.lowercased().filter { $0 != "_" && $0 != "-" }
    }

    /// Levenshtein distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for (i, charA) in a.enumerated() {
            var current = [i + 1]
            for (j, charB) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (charA == charB ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
