/// Joins the lines of multi-line SMTP replies (`250-first`, `250-second`, `250 last`) into `SMTPReply` values.
///
/// Feed it one line at a time, without the CRLF. A malformed line (no three-digit code, a code that changes inside
/// a reply, a bad separator) is an error: the server is not speaking SMTP, and the session gives up.
public struct SMTPReplyParser: Sendable {
    /// Lines longer than this are refused (RFC 5321 §4.5.3.1.5 sets 512 octets for reply lines; servers exceed it).
    public static let maximumLineLength = 4096
    /// More continuation lines than this in one reply are refused, so a hostile server cannot grow memory forever.
    public static let maximumLines = 200

    private var pendingCode: Int?
    private var pendingLines: [String] = []

    public init() {}

    /// Adds a line; returns the reply once its last line arrived, else nil.
    public mutating func feed(line: String) throws(SMTPError) -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count <= Self.maximumLineLength else {
            throw .malformedReply("a reply line of \(bytes.count) bytes")
        }
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ (0x30...0x39).contains($0) }),
            let code = Int(String(decoding: bytes[0...2], as: UTF8.self)), (200...599).contains(code)
        else { throw .malformedReply(Self.preview(line)) }
        let separator: UInt8? = bytes.count > 3 ? bytes[3] : nil
        guard separator == nil || separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw .malformedReply(Self.preview(line))
        }
        if let pendingCode, pendingCode != code { throw .malformedReply(Self.preview(line)) }
        let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
        pendingLines.append(text)
        if separator == UInt8(ascii: "-") {
            guard pendingLines.count < Self.maximumLines else {
                throw .malformedReply("a reply of over \(Self.maximumLines) lines")
            }
            pendingCode = code
            return nil
        }
        let reply = SMTPReply(code: code, lines: pendingLines)
        pendingCode = nil
        pendingLines = []
        return reply
    }

    static func preview(_ line: String) -> String {
        let printable = line.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }
        return "\"" + String(printable.prefix(80)) + "\""
    }
}
