/// How long each turn of a rotation lasts, in wall-clock time: every N hours, days or weeks. Days and weeks keep
/// the hand-off at the same time of day across daylight-saving changes (so that shift is an hour longer or
/// shorter); hours count wall-clock hours too, so a 12-hour rotation hands off at 08:00 and 20:00 all year.
public struct HandoffInterval: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case hours, days, weeks

        var seconds: Int64 {
            switch self {
            case .hours: 3600
            case .days: 86_400
            case .weeks: 604_800
            }
        }

        /// The suffix written in the config: `h`, `d`, `w`.
        var suffix: Character {
            switch self {
            case .hours: "h"
            case .days: "d"
            case .weeks: "w"
            }
        }
    }

    public var count: Int
    public var unit: Unit

    /// The longest turn accepted: a year of weeks.
    public static let maxSeconds: Int64 = 53 * 604_800

    /// Nil unless `count` is positive and the turn is at most ``maxSeconds``.
    public init?(count: Int, unit: Unit) {
        guard count > 0, Int64(count) * unit.seconds <= HandoffInterval.maxSeconds else { return nil }
        self.count = count
        self.unit = unit
    }

    /// Reads `12h`, `1d`, `2w`; nil for anything else.
    public init?(_ text: String) {
        guard let last = text.last, let unit = Unit.allCases.first(where: { $0.suffix == last }),
            let count = Int(text.dropLast()), text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        self.init(count: count, unit: unit)
    }

    /// Wall-clock seconds per turn.
    public var seconds: Int64 { Int64(count) * unit.seconds }

    public var description: String { "\(count)\(unit.suffix)" }
}
