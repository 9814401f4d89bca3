import SitrepCore

/// `!pages`: who this incident paged, by which method, and what became of each page (sent, failed and why,
/// acknowledged).
public enum PagesCommand: ChatCommand {
    public static let name = "pages"
    public static let aliases: [String] = []
    public static let summary = "list who this incident paged, how, and what happened to each page"
    public static let usage = "/pages"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [CommandExample("", .pages), .invalid("all")]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        noArguments(arguments, .pages)
    }
}
