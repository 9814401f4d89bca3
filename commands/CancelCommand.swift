import SitrepCore

/// `/cancel [#incident] <reason>`: cancel an incident declared by mistake. Naming it (`!cancel #4 false alarm`,
/// `!cancel INC-4 …`) works from anywhere, e.g. the announce channel.
public enum CancelCommand: ChatCommand {
    public static let name = "cancel"
    public static let summary = "cancel an incident declared by mistake"
    public static let usage = "/cancel [#incident] <reason>"
    public static let requiredLevel = AccessLevel.commander
    public static let examples = [
        CommandExample(
            "false alarm, synthetic check misconfigured",
            .cancel("false alarm, synthetic check misconfigured")
        ),
        CommandExample("#4 duplicate of INC-3", .about(incident: 4, .cancel("duplicate of INC-3"))),
        CommandExample("INC-4 false alarm", .about(incident: 4, .cancel("false alarm"))),
        CommandExample("2 checks were red", .cancel("2 checks were red")),
        .invalid(""), .invalid("#4"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        // Only the `#4` and `INC-4` forms name an incident: a reason may well start with a number.
        if let (first, rest) = ArgumentText.firstWord(arguments), first.hasPrefix("#") || first.uppercased().hasPrefix("INC-"),
            let id = ArgumentText.incidentID(first)
        {
            return requiredText(rest ?? "", what: "why it is cancelled") { .about(incident: id, .cancel($0)) }
        }
        return requiredText(arguments, what: "why it is cancelled") { .cancel($0) }
    }
}
