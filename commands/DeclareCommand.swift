import SitrepCore

/// `/declare [sev1|sev2|sev3|sev4] <title>`: anyone may open an incident (self-service reporting).
/// `/declare [sevN] from alert <n> [title]`: open it from an alert monitoring sent (its number is in the alert's
/// announcement); the title and severity come from the alert unless given.
///
/// Only the `sevN` spellings (also `SEV-2`) are read as a severity, so titles like `s3 bucket down` or
/// `severe latency` stay titles; only `from alert` followed by a word is the alert form, so `from alerting …` is
/// a title. Without a severity the configured default (or the alert's) applies (intent severity nil).
public enum DeclareCommand: ChatCommand {
    public static let name = "declare"
    public static let aliases = ["incident", "new"]
    public static let summary = "open an incident with its own channel, or from an alert (from alert <n>)"
    public static let usage = "/declare [sev1|sev2|sev3|sev4] <title> or /declare [sevN] from alert <n> [title]"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [
        CommandExample("sev2 Checkout returns 500s", .declare(severity: .sev2, title: "Checkout returns 500s")),
        CommandExample("Checkout returns 500s", .declare(severity: nil, title: "Checkout returns 500s")),
        CommandExample("SEV-1 everything is down 🔥", .declare(severity: .sev1, title: "everything is down 🔥")),
        CommandExample("s3 bucket unreachable", .declare(severity: nil, title: "s3 bucket unreachable")),
        CommandExample("severe latency on api", .declare(severity: nil, title: "severe latency on api")),
        CommandExample("from alert 17", .declareFromAlert(alert: 17, severity: nil, title: nil)),
        CommandExample("sev1 from alert 17", .declareFromAlert(alert: 17, severity: .sev1, title: nil)),
        CommandExample(
            "From Alert #17  Checkout is down", .declareFromAlert(alert: 17, severity: nil, title: "Checkout is down")),
        CommandExample("from alerting pipeline stalled", .declare(severity: nil, title: "from alerting pipeline stalled")),
        .invalid(""), .invalid("sev2"), .invalid("sev5 meteor"), .invalid("from alert"), .invalid("from alert x"),
        .invalid("from alert 0"), .invalid("sev9 from alert 17"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        guard let (first, rest) = ArgumentText.firstWord(arguments) else { return .failure(usageError("give a title")) }
        var severity: Severity?
        var body = ArgumentText.trimmed(arguments)
        if looksLikeSeverity(first) {
            guard let parsed = Severity(parsing: first) else {
                return .failure(usageError("severity must be sev1, sev2, sev3 or sev4"))
            }
            guard let rest else { return .failure(usageError("give a title")) }
            severity = parsed
            body = rest
        }
        if let fromAlert = parseFromAlert(body, severity: severity) { return fromAlert }
        return .success(.declare(severity: severity, title: body))
    }

    /// `from alert 17 [title]` → the alert form; nil when `text` does not start with `from alert`.
    private static func parseFromAlert(_ text: String, severity: Severity?) -> Result<IncidentIntent, UsageError>? {
        let words = ArgumentText.words(text)
        guard words.count >= 2, words[0].lowercased() == "from", words[1].lowercased() == "alert" else { return nil }
        let number = words.count > 2 ? words[2].drop { $0 == "#" } : ""
        guard let id = Int64(number), id > 0 else {
            return .failure(usageError("give the alert's number, e.g. \(command: "declare") from alert 17"))
        }
        let title = ArgumentText.trimmed(text[words[2].endIndex...])
        return .success(.declareFromAlert(alert: id, severity: severity, title: title.isEmpty ? nil : title))
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
