import SitrepTestSupport
import Testing

@testable import IRC

@Suite struct IRCTextSplitterTests {
    @Test func budgetSubtractsTheBotsFullPrefix() {
        let splitter = IRCTextSplitter(nick: "sitrep", user: "~sitrep", host: "localhost", target: "#ops")
        // ":sitrep!~sitrep@localhost PRIVMSG #ops :" is 40 bytes.
        #expect(splitter.budget == 512 - 40 - 2)
    }

    @Test func assumesLongUserAndHostWhenUnknown() {
        let known = IRCTextSplitter(nick: "sitrep", user: "u", host: "h", target: "#ops")
        let unknown = IRCTextSplitter(nick: "sitrep", target: "#ops")
        #expect(
            unknown.budget == known.budget - (IRCTextSplitter.assumedUserLength - 1)
                - (IRCTextSplitter.assumedHostLength - 1)
        )
        #expect(IRCTextSplitter(source: IRCSource(nick: "sitrep", user: "u", host: "h"), target: "#ops") == known)
    }

    static let cases: [(Int, String, [String])] = [
        (10, "short", ["short"]),
        (10, "", []),
        (10, "\r\n\n", []),
        (10, "one two three four", ["one two", "three four"]),
        (10, "abcdefghijklmno", ["abcdefghij", "klmno"]),
        (10, "line one\r\nline two\nthree\rfour", ["line one", "line two", "three", "four"]),
        (5, "ab🚨cd", ["ab", "🚨c", "d"]),
        (6, "aé🚨🚨", ["aé", "🚨", "🚨"]),
        (4, "🚨🚨🚨", ["🚨", "🚨", "🚨"]),
        (8, "abc\0def", ["abc def"]),
        (7, "ab e\u{301}e\u{301}e\u{301}", ["ab", "e\u{301}e\u{301}", "e\u{301}"]),
        (10, "a          b", ["a" + String(repeating: " ", count: 9), "b"]),
    ]

    @Test(arguments: cases)
    func splitsAtSpacesThenCharacters(_ budget: Int, _ text: String, _ expected: [String]) {
        #expect(IRCTextSplitter(budget: budget).split(text) == expected)
    }

    @Test func keepsAZWJEmojiWholeWhenItFits() {
        let family = "👩‍👩‍👧‍👦"  // 25 bytes, one grapheme
        let pieces = IRCTextSplitter(budget: 30).split("x" + family + family)
        #expect(pieces == ["x" + family, family])
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func piecesNeverExceedTheBudgetNorCutACharacter(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<1_500 {
            let budget = Int.random(in: 4...80, using: &rng)
            let text = RandomText.text(&rng, maxPieces: 120)
            let pieces = IRCTextSplitter(budget: budget).split(text)
            for piece in pieces {
                #expect(!piece.isEmpty)
                #expect(piece.utf8.count <= budget)
                #expect(!piece.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 })
                #expect(!piece.unicodeScalars.contains("\u{FFFD}"))
            }
            // Nothing but the separators (line breaks, one space per space-cut) is lost.
            let kept = pieces.joined().unicodeScalars.filter { $0 != " " }
            let original = text.unicodeScalars.filter { !["\r", "\n", " ", "\0"].contains($0) }
            #expect(String(kept) == String(original))
        }
    }

    @Test func piecesFitThroughTheSerializerUntouched() throws {
        let splitter = IRCTextSplitter(nick: "sitrep", user: "~sitrep", host: "very.long.host.example", target: "#ops")
        let text = String(repeating: "incident 🚨 database on fire, ", count: 80)
        for piece in splitter.split(text) {
            let relayed = IRCMessage(
                source: IRCSource(nick: "sitrep", user: "~sitrep", host: "very.long.host.example"),
                command: "PRIVMSG",
                parameters: ["#ops", piece]
            )
            let wire = try IRCMessageSerializer.serialize(relayed)
            #expect(wire.count + 2 <= 512)
            #expect(try IRCMessageParser.parse(wire).parameters[1] == piece)
        }
    }
}
