import SitrepTestSupport
import Testing

@testable import IRC

/// The splitter cuts only between characters (grapheme clusters) and never inside a colour code: a space that
/// carries a combining mark, a ZWJ or a skin tone is part of one character, not a place to cut.
@Suite struct IRCTextSplitterGraphemeTests {
    static let cases: [(Int, String, [String])] = [
        (10, "abcdefgh \u{301}xyz", ["abcdefgh", " \u{301}xyz"]),
        (10, "abcdefgh \u{200D}xyz", ["abcdefgh", " \u{200D}xyz"]),
        (11, "abcdefgh \u{1F3FD}xyz", ["abcdefgh", " \u{1F3FD}xyz"]),
        (8, "ab cdefg \u{301}h", ["ab", "cdefg \u{301}", "h"]),
        (6, "\u{3}04,12ab\u{3}04,12cd", ["\u{3}04,12", "ab", "\u{3}04,12", "cd"]),
        (9, "ab\u{3}4,5cd\u{3}12", ["ab\u{3}4,5cd", "\u{3}12"]),
        (14, "abcdefg\u{4}FF00FF,00FF00x", ["abcdefg", "\u{4}FF00FF,00FF00", "x"]),
    ]

    @Test(arguments: cases)
    func cutsOnlyBetweenCharactersAndOutsideCodes(_ budget: Int, _ text: String, _ expected: [String]) {
        #expect(IRCTextSplitter(budget: budget).split(text) == expected)
    }

    @Test func aLongRunOfColoursWithoutSpacesKeepsEveryCodeWhole() {
        let text = String(repeating: "\u{3}04,12ab", count: 100)
        for budget in [50, 51, 53, 57, 400] {
            let pieces = IRCTextSplitter(budget: budget).split(text)
            #expect(pieces.count > 1 || budget == 400)
            for piece in pieces {
                #expect(piece.utf8.count <= budget)
                let visible = IRCFormatting.strip(piece)
                #expect(visible.allSatisfy { $0 == "a" || $0 == "b" }, "cut code in \(piece.debugDescription)")
            }
        }
    }

    static let fragments: [String] = [
        "a", "word", "sitrep", "9", "12", ",", " ", "  ", " \u{301}", " \u{200D}", " \u{1F3FD}", "e\u{301}", "é",
        "👍🏽", "👩‍💻", "🏳️‍🌈", "日本", "\u{3}", "\u{3}4", "\u{3}04,12", "\u{3}4,", "\u{4}FF00FF", "\u{4}ABCDEF,123456",
        "\u{2}", "\u{F}", "\u{1D}",
    ]

    @Test(arguments: [21, 22, 23, 24] as [UInt64])
    func everyPieceFitsAndTheyJoinBackIntoTheInput(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<800 {
            let budget = Int.random(in: 16...90, using: &rng)
            let count = Int.random(in: 0...120, using: &rng)
            let text = (0..<count).map { _ in Self.fragments.randomElement(using: &rng)! }.joined()
            let pieces = IRCTextSplitter(budget: budget).split(text)
            let cuts = try #require(Self.cutOffsets(of: pieces, in: text), "pieces \(pieces) do not rebuild \(text.debugDescription)")
            let characterStarts = Set(text.indices.map { text.utf8.distance(from: text.startIndex, to: $0) })
            let insideCodes = Self.colourCodeInteriors(text)
            for piece in pieces {
                #expect(!piece.isEmpty && piece.utf8.count <= budget)
                let first = try #require(piece.unicodeScalars.first)
                #expect(!Self.continuesACharacter(first), "piece starts with U+\(String(first.value, radix: 16))")
            }
            for cut in cuts {
                #expect(characterStarts.contains(cut), "cut inside a character at byte \(cut)")
                #expect(!insideCodes.contains(cut), "cut inside a colour code at byte \(cut)")
            }
        }
    }

    /// The byte offsets where each piece ends and the next begins when `pieces` are `text` in order with at most
    /// one space (the one cut on) dropped after each piece; nil when they are not. Runs of spaces make the walk
    /// ambiguous, so every reachable offset is followed.
    static func cutOffsets(of pieces: [String], in text: String) -> [Int]? {
        let bytes = Array(text.utf8)
        let space = UInt8(ascii: " ")
        // Per piece: where it may end → (where the previous piece ended, where this one began).
        var steps: [[Int: (previousEnd: Int, start: Int)]] = []
        var reachable: Set<Int> = [0]
        for (number, piece) in pieces.enumerated() {
            let expected = Array(piece.utf8)
            var next: [Int: (previousEnd: Int, start: Int)] = [:]
            for end in reachable {
                var starts = [end]
                if number > 0, end < bytes.count, bytes[end] == space { starts.append(end + 1) }
                for start in starts where bytes[start...].starts(with: expected) {
                    next[start + expected.count] = (end, start)
                }
            }
            steps.append(next)
            reachable = Set(next.keys)
        }
        if pieces.isEmpty { return bytes.isEmpty ? [] : nil }
        let last = [bytes.count, bytes.count - 1].first { offset in
            reachable.contains(offset) && (offset == bytes.count || bytes[offset] == space)
        }
        guard var offset = last else { return nil }
        var cuts: [Int] = []
        for (number, step) in steps.enumerated().reversed() {
            let (previousEnd, start) = step[offset]!
            if number > 0 { cuts += [start, previousEnd] }
            offset = previousEnd
        }
        return cuts.reversed()
    }

    /// Byte offsets strictly inside a colour code, found by scanning scalars (independently of the splitter).
    static func colourCodeInteriors(_ text: String) -> Set<Int> {
        let bytes = Array(text.utf8)
        var interiors: Set<Int> = []
        var index = 0
        func digits(_ at: Int, _ most: Int, hex: Bool, exact: Bool) -> Int {
            var count = 0
            while count < most, at + count < bytes.count {
                let byte = bytes[at + count]
                let isDigit = (48...57).contains(byte) || (hex && ((65...70).contains(byte) || (97...102).contains(byte)))
                guard isDigit else { break }
                count += 1
            }
            return exact && count != most ? 0 : count
        }
        while index < bytes.count {
            guard bytes[index] == 3 || bytes[index] == 4 else {
                index += 1
                continue
            }
            let hex = bytes[index] == 4
            let most = hex ? 6 : 2
            var end = index + 1
            let foreground = digits(end, most, hex: hex, exact: hex)
            if foreground > 0 {
                end += foreground
                if end < bytes.count, bytes[end] == UInt8(ascii: ","), case let background = digits(end + 1, most, hex: hex, exact: hex),
                    background > 0
                {
                    end += 1 + background
                }
            }
            for inside in (index + 1)..<end { interiors.insert(inside) }
            index = end
        }
        return interiors
    }

    /// Scalars that attach to the character before them: combining marks, ZWJ, variation selectors, skin tones.
    static func continuesACharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return scalar.value == 0x200D || scalar.properties.isEmojiModifier
                || scalar.properties.isVariationSelector
        }
    }
}
