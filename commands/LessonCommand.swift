import SitrepCore

/// `/lesson <text>`: record a lesson learned for the post-incident review (also after closure).
public enum LessonCommand: ChatCommand {
    public static let name = "lesson"
    public static let aliases = ["learned"]
    public static let summary = "record a lesson learned for the review"
    public static let usage = "/lesson <text>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("feature flags made mitigation fast", .lesson("feature flags made mitigation fast")),
        CommandExample("\tpage the dba team earlier ", .lesson("page the dba team earlier")),
        .invalid(""),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        requiredText(arguments, what: "the lesson") { .lesson($0) }
    }
}
