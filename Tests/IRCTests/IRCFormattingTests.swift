import Testing

@testable import IRC

@Suite struct IRCFormattingTests {
    static let cases: [(String, String)] = [
        ("plain text", "plain text"),
        ("\u{2}bold\u{2}", "bold"),
        ("\u{3}4red", "red"),
        ("\u{3}04red", "red"),
        ("\u{3}4,12red on blue", "red on blue"),
        ("\u{3}04,1x", "x"),
        ("\u{3}123", "3"),
        ("\u{3}4,", ","),
        ("\u{3},5x", ",5x"),
        ("\u{3}4,123", "3"),
        ("\u{3}reset", "reset"),
        ("\u{4}FF0000red", "red"),
        ("\u{4}ff0000,00FF00x", "x"),
        ("\u{4}FF00zz", "FF00zz"),
        ("\u{4}FF0000,12", ",12"),
        ("\u{F}\u{11}\u{16}\u{1D}\u{1E}\u{1F}all", "all"),
        ("!esc\u{2}alate\u{F} now", "!escalate now"),
        ("🚨\u{3}3,4🔥", "🚨🔥"),
        ("\u{3}", ""),
        ("x\u{3}1", "x"),
    ]

    @Test(arguments: cases)
    func stripsFormattingCodes(_ input: String, _ expected: String) {
        #expect(IRCFormatting.strip(input) == expected)
    }
}
