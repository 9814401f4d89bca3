/// When an override asked for in chat ends: after a duration (`4h`), or at the next time the schedule's wall
/// clock reads `hour:minute` (`until 09:00`).
public enum OnCallUntil: Sendable, Equatable, CustomStringConvertible {
    case after(Duration)
    case at(hour: Int, minute: Int)

    /// Reads `4h`, `1h30m` (as `ChatDuration`), `09:00` or `until 09:00`; nil for anything else.
    public static func parse(_ text: String) -> OnCallUntil? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        let word: Substring
        switch words.count {
        case 1: word = words[0]
        case 2 where words[0].lowercased() == "until": word = words[1]
        default: return nil
        }
        if case .success(let duration) = ChatDuration.parse(word) { return .after(duration) }
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return .at(hour: hour, minute: minute)
    }

    public var description: String {
        switch self {
        case .after(let duration): "for \(duration)"
        case .at(let hour, let minute): "until \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
        }
    }
}
