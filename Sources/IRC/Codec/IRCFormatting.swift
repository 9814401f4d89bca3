/// mIRC-style text formatting codes (bold, colours, italics, …).
public enum IRCFormatting {
    /// `text` without formatting codes, so commands and logs see what the user meant to type.
    ///
    /// Removes 0x02 bold, 0x03 colour with its optional `fg[,bg]` of one or two digits each, 0x04 hex colour with
    /// its optional `RRGGBB[,RRGGBB]`, 0x0F reset, 0x11 monospace, 0x16 reverse, 0x1D italics, 0x1E strikethrough
    /// and 0x1F underline. A comma not followed by a colour is kept (`\u{3}4,` leaves `,`).
    public static func strip(_ text: String) -> String {
        // Every chat line passes here: the common case (no codes; they are all ASCII) costs a byte scan, no copy.
        var bytes = text
        guard bytes.withUTF8({ $0.contains { isFormattingCode(UInt32($0)) } }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let value = scalars[index].value
            index += 1
            switch value {
            case 0x03:
                index = skipColour(scalars, from: index, maxDigits: 2, isDigit: isDecimal, isComma: { $0 == "," })
            case 0x04:
                index = skipColour(
                    scalars, from: index, maxDigits: 6, isDigit: isHex, isComma: { $0 == "," }, exact: true)
            case _ where isFormattingCode(value): continue
            default: out.append(scalars[index - 1])
            }
        }
        return String(out)
    }

    /// The positions in `characters` that lie inside a colour code (every character of `\u{3}12,04` but the
    /// first): a line cut before one of them would change or break the colour. Other codes are one character.
    static func codeInteriors(of characters: [Character]) -> Set<Int> {
        func ascii(_ test: @escaping (Unicode.Scalar) -> Bool) -> (Character) -> Bool {
            { character in character.asciiValue.map { test(Unicode.Scalar($0)) } ?? false }
        }
        var interiors: Set<Int> = []
        var index = 0
        while index < characters.count {
            let end: Int
            switch characters[index] {
            case "\u{3}":
                end = skipColour(
                    characters, from: index + 1, maxDigits: 2, isDigit: ascii(isDecimal), isComma: { $0 == "," })
            case "\u{4}":
                end = skipColour(
                    characters, from: index + 1, maxDigits: 6, isDigit: ascii(isHex), isComma: { $0 == "," },
                    exact: true)
            default:
                end = index + 1
            }
            for inside in (index + 1)..<max(end, index + 1) { interiors.insert(inside) }
            index = max(end, index + 1)
        }
        return interiors
    }

    private static func isFormattingCode(_ value: UInt32) -> Bool {
        switch value {
        case 0x02, 0x03, 0x04, 0x0F, 0x11, 0x16, 0x1D, 0x1E, 0x1F: true
        default: false
        }
    }

    private static func isDecimal(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isHex(_ scalar: Unicode.Scalar) -> Bool {
        isDecimal(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    /// Skips `fg[,bg]` after a colour code; `exact` requires exactly `maxDigits` digits per colour.
    private static func skipColour<Element>(
        _ scalars: [Element],
        from start: Int,
        maxDigits: Int,
        isDigit: (Element) -> Bool,
        isComma: (Element) -> Bool,
        exact: Bool = false
    ) -> Int {
        func digits(at index: Int) -> Int {
            var count = 0
            while count < maxDigits, index + count < scalars.count, isDigit(scalars[index + count]) { count += 1 }
            return exact && count != maxDigits ? 0 : count
        }
        let foreground = digits(at: start)
        guard foreground > 0 else { return start }
        let afterForeground = start + foreground
        guard afterForeground < scalars.count, isComma(scalars[afterForeground]) else { return afterForeground }
        let background = digits(at: afterForeground + 1)
        return background > 0 ? afterForeground + 1 + background : afterForeground
    }
}
