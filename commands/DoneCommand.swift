import SitrepCore

/// `/done <n>`: mark follow-up n done (`#n` works too).
public enum DoneCommand: ChatCommand {
    public static let name = "done"
    public static let summary = "mark a follow-up action done"
    public static let usage = "/done <n>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("3", .done(3)), CommandExample("#12", .done(12)),
        .invalid(""), .invalid("0"), .invalid("three"), .invalid("3 4"), .invalid("-1"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard words.count == 1 else { return .failure(usageError("give the follow-up number")) }
        let digits = words[0].hasPrefix("#") ? words[0].dropFirst() : words[0]
        guard digits.allSatisfy(\.isASCII), let number = Int64(digits), number > 0 else {
            return .failure(usageError("the follow-up number is a positive number"))
        }
        return .success(.done(number))
    }
}
