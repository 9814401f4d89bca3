// TEMPORARY: replaced by the codec branch's real implementations at merge.
public enum IRCCasemapping: Sendable, Equatable {
    case rfc1459, strictRFC1459, ascii
    public init(isupportValue: String) {
        switch isupportValue.lowercased() {
        case "ascii": self = .ascii
        case "strict-rfc1459": self = .strictRFC1459
        default: self = .rfc1459
        }
    }
    public func fold(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar {
            case "A"..."Z": return Unicode.Scalar(scalar.value + 32)!
            case "[" where self != .ascii, "]" where self != .ascii, "\\" where self != .ascii: return Unicode.Scalar(scalar.value + 32)!
            case "~" where self == .rfc1459: return "^"
            default: return scalar
            }
        }))
    }
}
public enum Base64 {
    public static func encode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(table[Int(b0 >> 2)])
            out.append(table[Int((b0 & 3) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? table[Int((b1 & 15) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? table[Int(b2 & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
public enum CTCP {
    public enum Parsed { case plain, action(String), query(String, String?) }
    public static func parse(_ text: String) -> Parsed {
        guard text.hasPrefix("\u{1}") else { return .plain }
        var inner = text.dropFirst()
        if inner.hasSuffix("\u{1}") { inner = inner.dropLast() }
        let parts = inner.split(separator: " ", maxSplits: 1)
        guard let command = parts.first else { return .plain }
        if command == "ACTION" { return .action(parts.count > 1 ? String(parts[1]) : "") }
        return .query(String(command), parts.count > 1 ? String(parts[1]) : nil)
    }
    public static func encode(command: String, argument: String?) -> String {
        "\u{1}\(command)\(argument.map { " " + $0 } ?? "")\u{1}"
    }
}
public enum ServerTime {
    public static func parse(_ text: String) -> Int64? { nil }
}
public enum IRCMessageParser {
    public static func parse(_ line: some Collection<UInt8>) throws -> IRCMessage {
        IRCMessage(command: String(decoding: line, as: UTF8.self))
    }
}
public enum IRCMessageSerializer {
    public static func serialize(_ message: IRCMessage) throws -> [UInt8] { Array(message.command.utf8) }
}
public struct IRCLineFramer {
    public init() {}
    var buffer: [UInt8] = []
    public mutating func append(_ bytes: some Sequence<UInt8>) { buffer.append(contentsOf: bytes) }
    public mutating func nextLine() -> ArraySlice<UInt8>? { nil }
}
public enum IRCTextSplitter {
    public static func budget(source: IRCSource?, command: String, target: String) -> Int { 400 }
    public static func split(_ text: String, budget: Int) -> [String] { [text] }
}
public enum IRCFormatting { public static func strip(_ s: String) -> String { s } }
