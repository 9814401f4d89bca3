import SitrepCore

/// A mapping in the config file decoded leniently: every wrong value becomes a ``ConfigProblem`` instead of
/// aborting the decode, so one run reports all of them. Each section keeps the problems found inside it.
protocol ConfigSection: Decodable {
    var problems: [ConfigProblem] { get }
}

/// Reads one YAML mapping of a ``ConfigSection``: rejects keys not in `Key` (with a "did you mean" suggestion) and
/// turns type mismatches into problems named by their key path.
struct MappingReader<Key: CodingKey & CaseIterable> {
    private let container: KeyedDecodingContainer<Key>
    private let basePath: [any CodingKey]
    private(set) var problems: [ConfigProblem] = []

    /// Throws only if the decoder's value is not a mapping.
    init(_ decoder: any Decoder) throws {
        container = try decoder.container(keyedBy: Key.self)
        basePath = decoder.codingPath
        let known = Key.allCases.map(\.stringValue)
        for key in try decoder.container(keyedBy: AnyCodingKey.self).allKeys where !known.contains(key.stringValue) {
            let reason = UnknownKey.reason(for: key.stringValue, known: known)
            problems.append(ConfigProblem(keyPath: (basePath + [key]).configKeyPath, reason: reason))
        }
    }

    func path(_ key: Key) -> String {
        (basePath + [key]).configKeyPath
    }

    mutating func value<T: Decodable>(_ type: T.Type, _ key: Key, expected: String) -> T? {
        do {
            return try container.decodeIfPresent(T.self, forKey: key)
        } catch {
            let scalar = (try? container.decodeIfPresent(String.self, forKey: key)) ?? nil
            let got = scalar.map { ", got \(IRCNameRules.quoted($0))" } ?? ""
            problems.append(ConfigProblem(keyPath: path(key), reason: "expected \(expected)\(got)"))
            return nil
        }
    }

    mutating func string(_ key: Key) -> String? { value(String.self, key, expected: "a string") }
    mutating func int(_ key: Key) -> Int? { value(Int.self, key, expected: "an integer") }
    mutating func double(_ key: Key) -> Double? { value(Double.self, key, expected: "a number") }
    mutating func bool(_ key: Key) -> Bool? { value(Bool.self, key, expected: "true or false") }

    /// A list whose `null` elements are kept, so the validator can say which element is empty.
    mutating func stringList(_ key: Key) -> [String?]? {
        value([String?].self, key, expected: "a list of strings")
    }

    /// A string where a blank value (`key:` with nothing after it, usually an unquoted `#channel` that YAML read as
    /// a comment) is a problem. An explicit `null` still means "not set".
    mutating func nonBlankString(_ key: Key) -> String? {
        let isNull = container.contains(key) && (try? container.decodeNil(forKey: key)) == true
        if isNull && (try? container.decode(String.self, forKey: key)) == "" {
            problems.append(ConfigProblem(keyPath: path(key), reason: YAMLHint.unquotedHash))
            return nil
        }
        return string(key)
    }

    mutating func duration(_ key: Key) -> Duration? {
        guard let text = value(String.self, key, expected: ConfigDuration.expectedForm) else { return nil }
        guard let duration = ConfigDuration.parse(text) else {
            let reason = "expected \(ConfigDuration.expectedForm), got \(IRCNameRules.quoted(text))"
            problems.append(ConfigProblem(keyPath: path(key), reason: reason))
            return nil
        }
        return duration
    }

    mutating func section<Section: ConfigSection>(_ type: Section.Type, _ key: Key) -> Section? {
        guard let section = value(Section.self, key, expected: "a mapping") else { return nil }
        problems += section.problems
        return section
    }

    /// A mapping whose keys the operator chooses (team and policy names), in file order. A value of the wrong type
    /// is reported under its own name and left `nil`; the problems inside a ``ConfigSection`` value are kept.
    mutating func namedEntries<T: Decodable>(_ type: T.Type, _ key: Key, expected: String) -> [NamedEntry<T>]? {
        guard container.contains(key), (try? container.decodeNil(forKey: key)) != true else { return nil }
        guard let mapping = try? container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key) else {
            problems.append(ConfigProblem(keyPath: path(key), reason: "expected a mapping of names to \(expected)"))
            return nil
        }
        return mapping.allKeys.map { name in
            let entry = try? mapping.decode(T.self, forKey: name)
            if let section = entry as? any ConfigSection {
                problems += section.problems
            } else if entry == nil {
                let keyPath = (basePath + [key, name]).configKeyPath
                problems.append(ConfigProblem(keyPath: keyPath, reason: "expected \(expected)"))
            }
            return NamedEntry(name: name.stringValue, value: entry)
        }
    }
}

/// One entry of a mapping keyed by names the operator chooses; `value` is `nil` when it had the wrong type.
struct NamedEntry<Value> {
    var name: String
    var value: Value?
}

/// A list element decoded on its own, so one wrong element neither hides the others nor loses its index.
struct LenientElement<Value: Decodable>: Decodable {
    /// `nil` when the element is not a `Value`.
    var value: Value?

    init(from decoder: any Decoder) throws {
        value = try? Value(from: decoder)
    }
}

/// Advice for YAML pitfalls, shared by the reader and the validator.
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
