import Foundation
import Testing

@testable import Notify

struct EmailMessageTests {
    static let date = Date(timeIntervalSince1970: 1_796_644_800)  // 2026-12-07 12:00:00 UTC, a Monday

    static func message(
        subject: String = "SEV1 #7 db down", text: String = "hello", key: String = "page-7-dave-email-1"
    )
        throws -> EmailMessage
    {
        EmailMessage(
            from: try EmailAddress("sitrep@example.org", displayName: "sitrep"),
            to: try EmailAddress("dave@example.org"),
            subject: subject, text: text, idempotencyKey: key)
    }

    static func headers(_ rendered: String) -> [String] {
        let head = rendered.components(separatedBy: "\r\n\r\n")[0]
        return head.components(separatedBy: "\r\n")
    }

    @Test func rendersHeadersAndQuotedPrintableBody() throws {
        let rendered = try Self.message().rendered(date: Self.date)
        let headers = Self.headers(rendered)
        #expect(headers.contains("Date: Mon, 07 Dec 2026 12:00:00 +0000"))
        #expect(headers.contains("From: \"sitrep\" <sitrep@example.org>"))
        #expect(headers.contains("To: <dave@example.org>"))
        #expect(headers.contains("Subject: SEV1 #7 db down"))
        #expect(headers.contains("Content-Transfer-Encoding: quoted-printable"))
        #expect(rendered.hasSuffix("\r\n\r\nhello\r\n"))
    }

    @Test func onlyCRLFLineEndingsAndShortLines() throws {
        let long = String(repeating: "ü long words ", count: 200)
        let rendered = try Self.message(subject: long, text: "a\nb\rc\r\n" + long + "\n.\n").rendered(date: Self.date)
        let bytes = Array(rendered.utf8)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D) }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A) }
        }
        #expect(bytes.allSatisfy { $0 < 0x80 })
        #expect(rendered.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func subjectCannotInjectAHeader() throws {
        let rendered = try Self.message(subject: "db down\r\nBcc: everyone@example.org\nX-Evil: 1").rendered(
            date: Self.date)
        let headers = Self.headers(rendered)
        #expect(!headers.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Evil:") })
        #expect(headers.contains("Subject: db down Bcc: everyone@example.org X-Evil: 1"))
    }

    @Test func bodyCannotEndTheHeadersOrTheMessage() throws {
        let rendered = try Self.message(text: "line\r\n\r\nBcc: x@example.org\r\n.\r\n").rendered(date: Self.date)
        #expect(Self.headers(rendered).allSatisfy { !$0.hasPrefix("Bcc") })
        #expect(DotStuffing.terminatedMessage(rendered).components(separatedBy: "\r\n.\r\n").count == 2)
    }

    @Test func unicodeSubjectIsEncodedAndDecodesBack() throws {
        let subject = "SEV1 — Datenbank läuft nicht 🔥 " + String(repeating: "x", count: 80)
        let rendered = try Self.message(subject: subject).rendered(date: Self.date)
        let start = rendered.range(of: "Subject: ")!.upperBound
        let value = rendered[start...].components(separatedBy: "\r\nMessage-ID")[0]
        #expect(Self.decodeEncodedWords(value) == subject)
    }

    @Test func unicodeBodyDecodesBack() throws {
        let text =
            "Incident #7 — Datenbank läuft nicht 🔥\nAcknowledge: https://sitrep.example.org/ack/abc_DEF-123\n  trailing  \n=equals="
        let rendered = try Self.message(text: text).rendered(date: Self.date)
        let body = rendered.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(Self.decodeQuotedPrintable(body) == text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    }

    @Test func messageIDFollowsTheIdempotencyKey() throws {
        let first = try Self.message(key: "attempt-41").messageID
        #expect(first == (try Self.message(subject: "other", key: "attempt-41").messageID))
        #expect(first != (try Self.message(key: "attempt-42").messageID))
        #expect(first.hasPrefix("<sitrep.") && first.hasSuffix("@example.org>"))
    }

    @Test(arguments: [
        "", "dave", "dave@", "@example.org", "da ve@example.org", "dave@exa_mple.org", "dävé@example.org",
        "dave@example.org\r\nRCPT TO:<x@y.z>", "<dave@example.org>",
    ])
    func badAddressesAreRefused(text: String) {
        #expect(throws: EmailAddress.Problem.self) { try EmailAddress(text) }
    }

    @Test func displayNameWithQuotesAndLineBreaksStaysOneHeader() throws {
        let address = try EmailAddress("dave@example.org", displayName: "Dave \"DBA\"\r\nBcc: x@y.z")
        #expect(EmailMessage.mailbox(address) == "\"Dave \\\"DBA\\\" Bcc: x@y.z\" <dave@example.org>")
    }

    static func decodeEncodedWords(_ text: String) -> String {
        let words = text.components(separatedBy: "\r\n ")
        var bytes: [UInt8] = []
        for word in words {
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") else { return text }
            bytes += Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func quotedPrintableDecodesWhatItEncoded() {
        let text = "Acknowledge: https://sitrep.example/ack/" + String(repeating: "Ab9-_", count: 40) + "\nΔ = 3 tabs\t\nend "
        #expect(QuotedPrintable.decode(QuotedPrintable.encode(text)) == text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
        #expect(QuotedPrintable.decode("a=ZZb=3") == "a=ZZb=3", "a malformed escape stays as it is")
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "="), index + 2 < source.count {
                bytes.append(UInt8(String(decoding: source[index + 1...index + 2], as: UTF8.self), radix: 16)!)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
