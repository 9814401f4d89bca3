/// A deliberately tiny IRC line parse for test scripts, independent of the project's `IRC` target (which is what
/// the tests check). `@tags :source COMMAND param param :trailing`; tag values are not unescaped.
struct IRCLine: Sendable, Equatable, CustomStringConvertible {
    var raw: String
    var tags: [String: String] = [:]
    var source: String?
    var command: String = ""
    var params: [String] = []

    init(_ raw: String) {
        self.raw = raw
        var rest = Substring(raw)
        if rest.hasPrefix("@") {
            let tagText = Self.word(&rest).dropFirst()
            for tag in tagText.split(separator: ";") {
                let pair = tag.split(separator: "=", maxSplits: 1)
                tags[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
            }
        }
        if rest.hasPrefix(":") { source = String(Self.word(&rest).dropFirst()) }
        command = String(Self.word(&rest)).uppercased()
        while !rest.isEmpty {
            if rest.hasPrefix(":") {
                params.append(String(rest.dropFirst()))
                break
            }
            params.append(String(Self.word(&rest)))
        }
    }

    /// The nick part of `source` (`nick!user@host` → `nick`), or the whole source (a server name).
    var sourceNick: String? { source.map { String($0.split(separator: "!", maxSplits: 1)[0]) } }

    /// The last parameter: the text of a PRIVMSG/NOTICE, the message of a numeric.
    var trailing: String? { params.last }

    var description: String { raw }

    private static func word(_ rest: inout Substring) -> Substring {
        rest = rest.drop { $0 == " " }
        let end = rest.firstIndex(of: " ") ?? rest.endIndex
        let word = rest[..<end]
        rest = rest[end...].drop { $0 == " " }
        return word
    }
}
