/// Reads one YAML mapping of the config file for a section reader, which checks what it reads and builds the
/// domain value at once. A key not in `Key` is reported with a "did you mean" suggestion and a value of the wrong
/// type as `expected …`, each named by its key path (`smtp.port`) and kept in the shared ``ConfigContext``, so one
/// load reports every problem.
struct ConfigReader<Key: CodingKey & CaseIterable> {
    let context: ConfigContext
    private let container: KeyedDecodingContainer<Key>
    private let basePath: [any CodingKey]

    /// Throws only if the decoder's value is not a mapping.
    init(_ decoder: any Decoder, context: ConfigContext) throws {
        self.context = context
        container = try decoder.container(keyedBy: Key.self)
        basePath = decoder.codingPath
        let known = Key.allCases.map(\.stringValue)
        for key in try decoder.container(keyedBy: AnyCodingKey.self).allKeys where !known.contains(key.stringValue) {
            context.reportShape((basePath + [key]).configKeyPath, UnknownKey.reason(for: key.stringValue, known: known))
        }
    }

    /// The key path of this mapping (`irc.sasl`).
    var keyPath: String { basePath.configKeyPath }

    /// The key path of `key` in this mapping (`irc.sasl.account`).
    func path(_ key: Key) -> String {
        (basePath + [key]).configKeyPath
    }

    /// Whether `key` is written with a value other than `null`.
    func isSet(_ key: Key) -> Bool {
        container.contains(key) && (try? container.decodeNil(forKey: key)) != true
    }

    /// Records that the value at `key` breaks a rule.
    func report(_ key: Key, _ reason: String) {
        context.report(path(key), reason)
    }

    /// The value at `key` as a `T`; nil when not set, or after reporting `expected EXPECTED, got …` when it is not one.
    func value<T: Decodable>(_ type: T.Type, _ key: Key, expected: String) -> T? {
        do {
            return try container.decodeIfPresent(T.self, forKey: key)
        } catch {
            let scalar = (try? container.decodeIfPresent(String.self, forKey: key)) ?? nil
            let got = scalar.map { ", got \(IRCNameRules.quoted($0))" } ?? ""
            context.reportShape(path(key), "expected \(expected)\(got)")
            return nil
        }
    }

    /// The value at `key` as text if it is a scalar, without reporting anything when it is not.
    func quietString(_ key: Key) -> String? {
        try? container.decode(String.self, forKey: key)
    }

    func string(_ key: Key) -> String? { value(String.self, key, expected: "a string") }
    func int(_ key: Key) -> Int? { value(Int.self, key, expected: "an integer") }
    func double(_ key: Key) -> Double? { value(Double.self, key, expected: "a number") }
    func bool(_ key: Key) -> Bool? { value(Bool.self, key, expected: "true or false") }

    /// A list whose `null` elements are kept, so the section reader can say which element is empty.
    func stringList(_ key: Key) -> [String?]? {
        value([String?].self, key, expected: "a list of strings")
    }

    /// A string where a blank value (`key:` with nothing after it, usually an unquoted `#channel` that YAML read as
    /// a comment) is a problem. An explicit `null` still means "not set".
    func nonBlankString(_ key: Key) -> String? {
        let isNull = container.contains(key) && (try? container.decodeNil(forKey: key)) == true
        if isNull && (try? container.decode(String.self, forKey: key)) == "" {
            context.reportShape(path(key), YAMLHint.unquotedHash)
            return nil
        }
        return string(key)
    }

    func duration(_ key: Key) -> Duration? {
        guard let text = value(String.self, key, expected: ConfigDuration.expectedForm) else { return nil }
        guard let duration = ConfigDuration.parse(text) else {
            context.reportShape(path(key), "expected \(ConfigDuration.expectedForm), got \(IRCNameRules.quoted(text))")
            return nil
        }
        return duration
    }

    /// The reader of the mapping at `key`; nil when it is not set, or (reported) not a mapping.
    func mapping<Nested>(_ keys: Nested.Type, _ key: Key, expected: String = "a mapping") -> ConfigReader<Nested>? {
        guard isSet(key), let decoder = try? container.superDecoder(forKey: key) else { return nil }
        guard let reader = try? ConfigReader<Nested>(decoder, context: context) else {
            _ = value(Never.self, key, expected: expected)
            return nil
        }
        return reader
    }

    /// The value at `key` as a decoder of its own, for a value that may take more than one shape; nil when not set.
    func decoder(_ key: Key) -> (any Decoder)? {
        guard isSet(key) else { return nil }
        return try? container.superDecoder(forKey: key)
    }

    /// The entries of a mapping whose keys the operator chooses (team and policy names), in file order, each as a
    /// decoder; nil (and reported when it is not a mapping) unless set.
    private func entries(_ key: Key, expected: String) -> [(name: String, decoder: any Decoder)]? {
        guard isSet(key) else { return nil }
        guard let mapping = try? container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key) else {
            context.reportShape(path(key), "expected a mapping of names to \(expected)")
            return nil
        }
        return mapping.allKeys.compactMap { name in
            (try? mapping.superDecoder(forKey: name)).map { (name.stringValue, $0) }
        }
    }

    /// Each entry of the mapping at `key` read as a mapping, in file order; an entry that is not one is reported
    /// as `expected EXPECTED` under its own name and left nil.
    func entryMappings<Nested>(_ keys: Nested.Type, _ key: Key, expected: String)
        -> [(name: String, reader: ConfigReader<Nested>?)]?
    {
        entries(key, expected: expected)?.map { name, decoder in
            guard let reader = try? ConfigReader<Nested>(decoder, context: context) else {
                context.reportShape(decoder.codingPath.configKeyPath, "expected \(expected)")
                return (name, nil)
            }
            return (name, reader)
        }
    }

    /// Each entry of the mapping at `key` as a `T`, in file order; an entry of another type is reported as
    /// `expected EXPECTED` under its own name and left nil.
    func entryValues<T: Decodable>(_ type: T.Type, _ key: Key, expected: String) -> [(name: String, value: T?)]? {
        entries(key, expected: expected)?.map { name, decoder in
            guard let value = try? T(from: decoder) else {
                context.reportShape(decoder.codingPath.configKeyPath, "expected \(expected)")
                return (name, nil)
            }
            return (name, value)
        }
    }

    /// Each element of the list at `key` read as a mapping; an element that is not one is left nil, for the
    /// section reader to report with its index.
    func elementMappings<Nested>(_ keys: Nested.Type, _ key: Key, expected: String) -> [ConfigReader<Nested>?]? {
        elements(key, expected: expected)?.map { try? ConfigReader<Nested>($0, context: context) }
    }

    /// The elements of the list at `key`, each as a decoder; nil (and reported when it is not a list) unless set.
    private func elements(_ key: Key, expected: String) -> [any Decoder]? {
        guard isSet(key) else { return nil }
        guard var list = try? container.nestedUnkeyedContainer(forKey: key) else {
            _ = value(Never.self, key, expected: expected)
            return nil
        }
        var decoders: [any Decoder] = []
        while !list.isAtEnd, let element = try? list.superDecoder() { decoders.append(element) }
        return decoders
    }
}
