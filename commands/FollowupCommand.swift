import SitrepCore

/// `/followup <text> [@nick | owner:nick]`: record a follow-up action; a last word `@nick` or `owner:nick` names
/// its owner.
public enum FollowupCommand: ChatCommand {
    public static let name = "followup"
    public static let aliases = ["action", "todo", "follow-up"]
    public static let summary = "record a follow-up action, optionally with an owner"
    public static let usage = "/followup <text> [@nick | owner:nick]"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("add cert expiry alert", .followup(text: "add cert expiry alert", owner: nil)),
        CommandExample("add cert expiry alert @bob", .followup(text: "add cert expiry alert", owner: "bob")),
        CommandExample("write the review owner:alice", .followup(text: "write the review", owner: "alice")),
        CommandExample("email @bob about it today", .followup(text: "email @bob about it today", owner: nil)),
        .invalid(""), .invalid("@bob"), .invalid("fix it owner:"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let text = ArgumentText.trimmed(arguments)
        guard let last = ArgumentText.words(text).last else { return .failure(usageError("say what needs doing")) }
        let ownerWord: Substring? =
            last.hasPrefix("@") ? last.dropFirst() : last.lowercased().hasPrefix("owner:") ? last.dropFirst(6) : nil
        guard let ownerWord else { return .success(.followup(text: text, owner: nil)) }
        guard let owner = ArgumentText.nick(ownerWord) else { return .failure(usageError("not a nick: \(last)")) }
        let body = ArgumentText.trimmed(text[..<last.startIndex])
        guard !body.isEmpty else { return .failure(usageError("say what needs doing")) }
        return .success(.followup(text: body, owner: owner))
    }
}
