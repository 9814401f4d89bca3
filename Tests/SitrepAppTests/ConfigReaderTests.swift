import Testing

@testable import SitrepApp

/// The reader every section reader builds on: how it reports keys it does not know, values of the wrong shape, and
/// in which order the problems come out.
@Suite struct ConfigReaderTests {
    enum Key: String, CodingKey, CaseIterable {
        case name, count, nested, entries, list, prefix
    }

    enum NestedKey: String, CodingKey, CaseIterable {
        case port
    }

    /// A reader of `yaml` and the context it reports into.
    private func reader(_ yaml: String) throws -> (ConfigReader<Key>, ConfigContext) {
        let context = ConfigContext(configDirectory: "/etc/sitrep", environment: [:])
        let reader: ConfigReader<Key> = try SitrepConfig.fileReader(
            yaml: yaml, path: "/etc/sitrep/sitrep.yaml", context: context)
        return (reader, context)
    }

    @Test func unknownKeysAndWrongTypesComeBeforeBrokenRulesWhateverTheOrderFound() throws {
        let (reader, context) = try reader("count: many\nnam: x\n")
        reader.report(.name, "must be set")
        #expect(reader.int(.count) == nil)
        #expect(context.problems.map(\.description) == [
            "nam: unknown key; did you mean name?",
            #"count: expected an integer, got "many""#,
            "name: must be set",
        ])
    }

    @Test func aNestedMappingNamesItsKeysByTheirFullPath() throws {
        let (reader, context) = try reader("nested:\n  port: x\n  pot: 1\n")
        let nested = try #require(reader.mapping(NestedKey.self, .nested))
        #expect(nested.keyPath == "nested")
        #expect(nested.int(.port) == nil)
        #expect(context.problems.map(\.description) == [
            "nested.pot: unknown key; did you mean port?",
            #"nested.port: expected an integer, got "x""#,
        ])
    }

    @Test func aMappingThatIsNullIsUnsetAndOneThatIsAScalarIsReported() throws {
        let (null, nullContext) = try reader("nested: null\n")
        #expect(null.mapping(NestedKey.self, .nested) == nil)
        #expect(nullContext.problems.isEmpty)
        let (scalar, scalarContext) = try reader("nested: 5\n")
        #expect(scalar.mapping(NestedKey.self, .nested) == nil)
        #expect(scalarContext.problems.map(\.description) == [#"nested: expected a mapping, got "5""#])
    }

    @Test func entriesKeepFileOrderAndAWrongOneIsReportedUnderItsName() throws {
        let (reader, context) = try reader("entries:\n  zeta: { port: 1 }\n  alpha: 7\n  mid: { port: 2 }\n")
        let entries = try #require(reader.entryMappings(NestedKey.self, .entries, expected: "a mapping with port"))
        #expect(entries.map(\.name) == ["zeta", "alpha", "mid"])
        #expect(entries.map { $0.reader?.int(.port) } == [1, nil, 2])
        #expect(context.problems.map(\.description) == ["entries.alpha: expected a mapping with port"])
    }

    @Test func entryValuesOfTheWrongTypeAreReportedUnderTheirName() throws {
        let (reader, context) = try reader("entries:\n  a: one\n  b: [two]\n")
        let entries = try #require(reader.entryValues(String.self, .entries, expected: "a string"))
        #expect(entries.map(\.value) == ["one", nil])
        #expect(context.problems.map(\.description) == ["entries.b: expected a string"])
        let (notMapping, notMappingContext) = try self.reader("entries: [a]\n")
        #expect(notMapping.entryValues(String.self, .entries, expected: "a string") == nil)
        #expect(notMappingContext.problems.map(\.description) == ["entries: expected a mapping of names to a string"])
    }

    @Test func listElementsThatAreNoMappingAreLeftToTheSectionReader() throws {
        let (reader, context) = try reader("list:\n  - { port: 1 }\n  - 2\n  - { port: x }\n")
        let elements = try #require(reader.elementMappings(NestedKey.self, .list, expected: "a list of things"))
        #expect(elements.count == 3)
        #expect(elements[1] == nil)
        #expect(elements[2]?.int(.port) == nil)
        #expect(context.problems.map(\.description) == [#"list[2].port: expected an integer, got "x""#])
        let (scalar, scalarContext) = try self.reader("list: 3\n")
        #expect(scalar.elementMappings(NestedKey.self, .list, expected: "a list of things") == nil)
        #expect(scalarContext.problems.map(\.description) == [#"list: expected a list of things, got "3""#])
    }

    @Test func aBlankValueIsAnUnquotedHashButAnExplicitNullIsUnset() throws {
        let (blank, blankContext) = try reader("prefix:\n")
        #expect(blank.nonBlankString(.prefix) == nil)
        #expect(blankContext.problems.map(\.description) == ["prefix: \(YAMLHint.unquotedHash)"])
        let (null, nullContext) = try reader("prefix: null\n")
        #expect(null.nonBlankString(.prefix) == nil)
        #expect(nullContext.problems.isEmpty)
    }

    @Test func requiredIsQuietWhenTheValueWasMissingBecauseItWasMistyped() throws {
        let (reader, context) = try reader("count: [1]\n")
        #expect(context.required(reader.int(.count), reader.path(.count)) == nil)
        #expect(context.required(reader.string(.name), reader.path(.name)) == nil)
        #expect(context.problems.map(\.description) == [
            "count: expected an integer", "name: required but missing",
        ])
    }
}
