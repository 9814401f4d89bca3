import Crypto
import Foundation

/// A plain-text page email: who it is from and to, its subject and text, and the idempotency key of the page
/// attempt it carries.
///
/// Rendered (`rendered(date:)`) per RFC 5322 with CRLF line endings, lines of at most 78 characters (well under
/// the 998 limit), a UTF-8 body in quoted-printable (7-bit clean, so any server takes it without 8BITMIME) and
/// the subject as RFC 2047 encoded-words when it is not plain ASCII. No user text can add a header: subjects and
/// names are folded to one line and encoded, addresses are checked by `EmailAddress`.
///
/// The `Message-ID` is derived from the idempotency key alone, so a resend of the same attempt (after a crash
/// between claim and send) carries the same Message-ID and mail clients show it once.
public struct EmailMessage: Sendable, Equatable {
    public var from: EmailAddress
    public var to: EmailAddress
    public var subject: String
    public var text: String
    /// The page attempt's key: the same key always gives the same `messageID`.
    public var idempotencyKey: String

    public init(from: EmailAddress, to: EmailAddress, subject: String, text: String, idempotencyKey: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.idempotencyKey = idempotencyKey
    }

    /// `<sitrep.HEX@domain>`: the first 128 bits of SHA-256 of the idempotency key, at the sender's domain.
    public var messageID: String {
        let digest = SHA256.hash(data: Data(idempotencyKey.utf8))
        let hex = digest.prefix(16).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        return "<sitrep.\(hex)@\(from.domain)>"
    }

    /// The SMTP envelope for this message: sender `from`, one recipient `to`.
    public func envelope(date: Date) -> SMTPEnvelope {
        SMTPEnvelope(sender: from, recipients: [to], content: rendered(date: date))
    }

    /// The whole message (headers, blank line, body), CRLF line endings, ending with CRLF.
    public func rendered(date: Date) -> String {
        var headers: [String] = [
            "Date: " + RFC5322Date.format(date),
            "From: " + Self.mailbox(from),
            "To: " + Self.mailbox(to),
            "Subject: " + HeaderText.unstructured(subject, prefixLength: "Subject: ".count),
            "Message-ID: " + messageID,
            // RFC 3834: a machine sent this; autoresponders (out-of-office) must not answer it.
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        headers.append("")
        return headers.joined(separator: "\r\n") + "\r\n" + QuotedPrintable.encode(text)
    }

    static func mailbox(_ address: EmailAddress) -> String {
        guard let name = address.displayName else { return "<\(address.address)>" }
        return HeaderText.phrase(name) + " <\(address.address)>"
    }
}
