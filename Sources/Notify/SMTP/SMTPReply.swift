/// One complete SMTP reply (RFC 5321 §4.2): a three-digit code and its text lines, joined from a multi-line reply.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The reply code, 200–599.
    public var code: Int
    /// The text after the code on each line, in order (one element for a single-line reply).
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx: the command was accepted.
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// 3xx: the server waits for more (354 after DATA, 334 during AUTH).
    public var isPositiveIntermediate: Bool { (300..<400).contains(code) }
    /// 4xx: try again later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: do not repeat this command as it is.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// The reply as one line for messages and logs: `550 5.1.1 no such user`.
    public var description: String {
        let text = lines.joined(separator: " / ").trimmingSpaces
        return text.isEmpty ? "\(code)" : "\(code) \(text)"
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\t" { scalars.removeFirst() }
        while scalars.last == " " || scalars.last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
