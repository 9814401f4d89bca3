import SitrepTestSupport

/// Random text built from pieces that stress the codec: ASCII, spaces, colons, CR/LF/NUL, escapes, emoji.
enum RandomText {
    static let pieces: [String] = [
        "a", "Z", "9", " ", "  ", ":", ";", "\\", "=", "@", "!", "\r", "\n", "\r\n", "\0", "\u{1}", "\u{3}",
        "é", "€", "日本", "🚨", "👩‍💻", "🏳️‍🌈", "e\u{301}", "hello", "sitrep", "\\s", "\\:",
    ]

    static func text(_ rng: inout SplitMix64, maxPieces: Int) -> String {
        let count = Int.random(in: 0...maxPieces, using: &rng)
        var text = ""
        for _ in 0..<count { text += pieces.randomElement(using: &rng)! }
        return text
    }

    static func word(_ rng: inout SplitMix64) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_#[]{}|")
        let length = Int.random(in: 1...12, using: &rng)
        return String((0..<length).map { _ in letters.randomElement(using: &rng)! })
    }
}
