import SitrepCore

/// `/role <role> [nick]`: give a role (configured; defaults commander, comms, scribe, ops) to `nick` or yourself.
public enum RoleCommand: ChatCommand {
    public static let name = "role"
    public static let aliases = ["assign"]
    public static let summary = "give a role (commander, comms, scribe, ops…) to someone or yourself"
    public static let usage = "/role <role> [nick]"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("comms", .role(name: "comms", nick: nil)),
        CommandExample("Scribe bob", .role(name: "scribe", nick: "bob")),
        CommandExample("ops @carol", .role(name: "ops", nick: "carol")),
        .invalid(""), .invalid("comms bob carol"), .invalid("comms #ops"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard let role = words.first, words.count <= 2 else { return .failure(usageError("give a role and a nick")) }
        guard words.count == 2 else { return .success(.role(name: role.lowercased(), nick: nil)) }
        guard let nick = ArgumentText.nick(words[1]) else { return .failure(usageError("not a nick: \(words[1])")) }
        return .success(.role(name: role.lowercased(), nick: nick))
    }
}
