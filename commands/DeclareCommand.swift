import SitrepCore

/// `/declare [sev1|sev2|sev3|sev4] <title>`: anyone may open an incident (self-service reporting).
///
/// Only the `sevN` spellings (also `SEV-2`) are read as a severity, so titles like `s3 bucket down` or
/// `severe latency` stay titles.
/// Without one the configured default applies (intent severity nil).
public enum DeclareCommand: ChatCommand {
    public static let name = "declare"
    public static let aliases = ["incident", "new"]
    public static let summary = "open an incident with its own channel"
    public static let usage = "/declare [sev1|sev2|sev3|sev4] <title>"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [
        CommandExample("sev2 Checkout returns 500s", .declare(severity: .sev2, title: "Checkout returns 500s")),
        CommandExample("Checkout returns 500s", .declare(severity: nil, title: "Checkout returns 500s")),
        CommandExample("SEV-1 everything is down 🔥", .declare(severity: .sev1, title: "everything is down 🔥")),
        CommandExample("s3 bucket unreachable", .declare(severity: nil, title: "s3 bucket unreachable")),
        CommandExample("severe latency on api", .declare(severity: nil, title: "severe latency on api")),
        .invalid(""), .invalid("sev2"), .invalid("sev5 meteor"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        guard let (first, rest) = ArgumentText.firstWord(arguments) else { return .failure(usageError("give a title")) }
        guard looksLikeSeverity(first) else {
            return .success(.declare(severity: nil, title: ArgumentText.trimmed(arguments)))
        }
        guard let severity = Severity(parsing: first) else {
            return .failure(usageError("severity must be sev1, sev2, sev3 or sev4"))
        }
        guard let rest else { return .failure(usageError("give a title")) }
        return .success(.declare(severity: severity, title: rest))
    }

    /// `sev2`, `SEV-2`, `sev9` (a wrong severity, not a title); `severe` and `s3` are titles.
    private static func looksLikeSeverity(_ word: String) -> Bool {
        var rest = Substring(word.lowercased())
        guard rest.hasPrefix("sev") else { return false }
        rest = rest.dropFirst(3)
        if rest.hasPrefix("-") { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
