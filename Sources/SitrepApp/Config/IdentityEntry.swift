import Matrix
import SitrepCore

/// An entry of `people.commanders` or `people.responders`: `NAME` or `account:NAME` for a services account,
/// `nick:NAME` for a nick, both on the IRC network ``ConfigDefaults/network``; or a Matrix user id
/// (`@alice:example.org`), an account on ``ConfigDefaults/matrixNetwork``.
enum IdentityEntry {
    /// Why an entry cannot be read, phrased for `people.commanders[0]: REASON`.
    struct Invalid: Error, Equatable {
        var reason: String
    }

    static let form =
        "write NAME or account:NAME for a services account, nick:NAME for a nick, @NAME:SERVER for a Matrix user"

    static func parse(_ text: String) -> Result<ChatIdentity, Invalid> {
        if text.isEmpty { return .failure(Invalid(reason: "must not be empty; \(form)")) }
        if text.unicodeScalars.contains(where: {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
        }) {
            return .failure(Invalid(reason: "must not contain spaces or control characters, got \(quoted(text))"))
        }
        if text.hasPrefix("@") {
            guard MatrixUserID(text) != nil else {
                return .failure(Invalid(reason: "is not a Matrix user id (@NAME:SERVER), got \(quoted(text))"))
            }
            return .success(.account(text, network: ConfigDefaults.matrixNetwork))
        }
        guard let colon = text.firstIndex(of: ":") else { return account(text, entry: text) }
        let kind = text[..<colon].lowercased()
        let name = String(text[text.index(after: colon)...])
        switch kind {
        case "account":
            return account(name, entry: text)
        case "nick":
            if name.isEmpty { return .failure(Invalid(reason: "must have a name after nick:, got \(quoted(text))")) }
            if let problem = IRCNameRules.nickProblem(name) { return .failure(Invalid(reason: "nick \(problem)")) }
            return .success(.nick(name, network: network))
        default:
            return .failure(Invalid(reason: "unknown kind \(quoted(String(kind))) in \(quoted(text)); \(form)"))
        }
    }

    /// Services account names vary by services package; only what would break an entry or a list is refused.
    private static func account(_ name: String, entry: String) -> Result<ChatIdentity, Invalid> {
        if name.isEmpty { return .failure(Invalid(reason: "must have a name after account:, got \(quoted(entry))")) }
        if name.contains(":") || name.contains(",") {
            return .failure(Invalid(reason: "account names contain no ':' or ',', got \(quoted(entry))"))
        }
        return .success(.account(name, network: network))
    }

    /// How an identity is written in the config: `alice`, `nick:bob`.
    static func written(_ identity: ChatIdentity) -> String {
        identity.isAuthenticated ? identity.name : "nick:\(identity.name)"
    }

    private static var network: String { ConfigDefaults.network }

    private static func quoted(_ text: String) -> String { IRCNameRules.quoted(text) }
}
