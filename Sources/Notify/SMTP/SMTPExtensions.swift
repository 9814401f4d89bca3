/// What a server's EHLO reply says it supports (RFC 5321 §4.1.1.1: one keyword and its parameters per line after
/// the first).
public struct SMTPExtensions: Sendable, Equatable {
    /// STARTTLS is offered (RFC 3207).
    public var startTLS = false
    /// The SASL mechanisms after `AUTH`, upper-cased (RFC 4954).
    public var authMechanisms: [String] = []
    /// 8BITMIME is offered (RFC 6152).
    public var eightBitMIME = false
    /// The largest message the server takes, if it says (RFC 1870); 0 means no limit was given.
    public var maximumSize: Int?

    public init() {}

    public init(ehloReply reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            switch keyword {
            case "STARTTLS": startTLS = true
            case "AUTH": authMechanisms += words.dropFirst().filter { !authMechanisms.contains($0) }
            case "8BITMIME": eightBitMIME = true
            case "SIZE": maximumSize = words.dropFirst().first.flatMap { Int($0) }
            default: continue
            }
        }
    }
}
