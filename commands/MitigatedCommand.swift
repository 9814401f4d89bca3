import SitrepCore

/// `/mitigated [text]`: the impact is mitigated; state becomes mitigated.
public enum MitigatedCommand: ChatCommand {
    public static let name = "mitigated"
    public static let aliases = ["mitigate"]
    public static let summary = "the impact is mitigated; state becomes mitigated"
    public static let usage = "/mitigated [text]"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("", .mitigated(nil)),
        CommandExample("rolled back deploy 512", .mitigated("rolled back deploy 512")),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let text = ArgumentText.trimmed(arguments)
        return .success(.mitigated(text.isEmpty ? nil : text))
    }
}
