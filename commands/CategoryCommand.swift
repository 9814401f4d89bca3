import SitrepCore

/// `/category <category>[/<sub>]`: classify the incident (one word, optionally one sub-category).
public enum CategoryCommand: ChatCommand {
    public static let name = "category"
    public static let aliases = ["cat"]
    public static let summary = "classify the incident"
    public static let usage = "/category <category>[/<sub>]"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("network", .category("network")),
        CommandExample("network/dns", .category("network/dns")),
        .invalid(""), .invalid("network dns"), .invalid("network/"), .invalid("a/b/c"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard words.count == 1 else { return .failure(usageError("give one category")) }
        let parts = words[0].split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else {
            return .failure(usageError("write category or category/sub"))
        }
        return .success(.category(String(words[0])))
    }
}
