import Crypto
import Foundation

/// One webhook call, ready to send: a POST of the filled-in template with its headers.
///
/// Headers: `Content-Type: application/json`, `Idempotency-Key` (the page attempt's key; the same on a resend, so a
/// receiver can drop the copy), and when the target has a secret, `X-Sitrep-Timestamp` (Unix seconds) and
/// `X-Sitrep-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>` (see `WebhookSignature`).
public struct WebhookRequest: Sendable {
    public static let signatureHeader = "X-Sitrep-Signature"
    public static let timestampHeader = "X-Sitrep-Timestamp"
    public static let idempotencyHeader = "Idempotency-Key"

    public let url: String
    public let method = "POST"
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]
    public let idempotencyKey: String

    /// - Parameter timestamp: now, for the signature (time is passed in).
    public init(target: WebhookTarget, fields: PageFields, idempotencyKey: String, timestamp: Date) {
        let body = target.template.render(fields)
        let seconds = Int64(timestamp.timeIntervalSince1970.rounded(.down))
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"),
            (Self.idempotencyHeader, HeaderText.singleLine(idempotencyKey)),
        ]
        if let secret = target.secret {
            headers.append((Self.timestampHeader, String(seconds)))
            headers.append(
                (Self.signatureHeader, WebhookSignature.header(secret: secret, timestamp: seconds, body: body)))
        }
        headers += target.headers
        self.url = target.url
        self.headers = headers
        self.body = body
        self.idempotencyKey = idempotencyKey
    }

    /// The value of a header (first match, case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// The webhook signature, for sitrep to make and a receiver to check.
public enum WebhookSignature {
    /// `sha256=` and the hex HMAC-SHA256 of `"<timestamp>.<body>"`.
    public static func header(secret: [UInt8], timestamp: Int64, body: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Array("\(timestamp).".utf8) + body, using: SymmetricKey(data: secret))
        return "sha256=" + mac.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Whether `signature` is right for `body` and `timestamp` (constant-time) and the timestamp is within
    /// `tolerance` seconds of `now`, so a captured request cannot be replayed later.
    public static func isValid(
        signature: String, secret: [UInt8], timestamp: String, body: [UInt8], now: Date, tolerance: TimeInterval = 300
    ) -> Bool {
        guard let seconds = Int64(timestamp), abs(now.timeIntervalSince1970 - TimeInterval(seconds)) <= tolerance,
            signature.hasPrefix("sha256="), let mac = hexBytes(signature.dropFirst(7)), mac.count == SHA256.byteCount
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(
            mac, authenticating: Array("\(seconds).".utf8) + body, using: SymmetricKey(data: secret))
    }

    private static func hexBytes(_ text: Substring) -> [UInt8]? {
        guard text.utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
