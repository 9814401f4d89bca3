import SitrepCore

/// `/remind <duration> <text>`: remind the incident channel of something later (`/remind 15m check the replica
/// lag`). The duration is `ChatDuration` (90s, 15m, 2h, 1h30m, 1d; 1 s to 7 d).
public enum RemindCommand: ChatCommand {
    public static let name = "remind"
    public static let aliases = ["reminder"]
    public static let summary = "remind the incident channel of something after a while"
    public static let usage = "/remind <duration> <text>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("15m check the replica lag", .remind(after: .seconds(900), text: "check the replica lag")),
        CommandExample("1h30m  call the vendor back ", .remind(after: .seconds(5400), text: "call the vendor back")),
        CommandExample("90s retry", .remind(after: .seconds(90), text: "retry")),
        .invalid(""), .invalid("15m"), .invalid("soon check the lag"), .invalid("8d check"), .invalid("0s check"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        guard let (word, text) = ArgumentText.firstWord(arguments) else {
            return .failure(usageError("say when and what, e.g. \(command: "remind") 15m check the replica lag"))
        }
        switch ChatDuration.parse(word) {
        case .failure(let error): return .failure(usageError(error.description))
        case .success(let duration):
            guard let text else { return .failure(usageError("say what to remind of after \(word)")) }
            return .success(.remind(after: duration, text: text))
        }
    }
}
