import Testing

@testable import Notify

struct SMTPReplyParserTests {
    @Test func multiLineReplyIsJoined() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed(line: "250-mx.example.org") == nil)
        #expect(try parser.feed(line: "250-STARTTLS") == nil)
        let reply = try parser.feed(line: "250 AUTH PLAIN LOGIN")
        #expect(reply == SMTPReply(code: 250, lines: ["mx.example.org", "STARTTLS", "AUTH PLAIN LOGIN"]))
        let extensions = SMTPExtensions(ehloReply: reply!)
        #expect(extensions.startTLS)
        #expect(extensions.authMechanisms == ["PLAIN", "LOGIN"])
    }

    @Test func bareCodeIsAReply() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed(line: "354") == SMTPReply(code: 354, lines: [""]))
    }

    @Test(arguments: ["hello", "25", "2500 x", "250x", "999 no", "+OK pop3"])
    func nonSMTPLinesAreRefused(line: String) {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPError.self) { try parser.feed(line: line) }
    }

    @Test func codeChangingInsideAReplyIsRefused() throws {
        var parser = SMTPReplyParser()
        _ = try parser.feed(line: "250-first")
        #expect(throws: SMTPError.self) { try parser.feed(line: "550 second") }
    }

    @Test func endlessContinuationIsRefused() throws {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPError.self) {
            for _ in 0...SMTPReplyParser.maximumLines { _ = try parser.feed(line: "250-more") }
        }
    }

    @Test func dotStuffingDoublesLeadingDotsAndTerminates() {
        #expect(DotStuffing.terminatedMessage(".a\r\nb.\r\n..c\r\n") == "..a\r\nb.\r\n...c\r\n.\r\n")
        #expect(DotStuffing.terminatedMessage("no newline") == "no newline\r\n.\r\n")
        #expect(DotStuffing.terminatedMessage(".") == "..\r\n.\r\n")
    }
}
