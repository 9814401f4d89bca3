/// How the review writes times: full UTC date and time in the header, `HH:MM:SS` for events on the day of
/// declaration and `+1d HH:MM:SS` for events on later days, so a long incident stays unambiguous.
struct ReviewTime: Sendable {
    let declaredAt: Timestamp
    private let declaredDay: Int64

    init(declaredAt: Timestamp) {
        self.declaredAt = declaredAt
        self.declaredDay = Self.day(declaredAt)
    }

    /// `18:03:12`, or `+1d 18:03:12` on a later (UTC) day than the declaration.
    func clock(_ time: Timestamp) -> String {
        let days = Self.day(time) - declaredDay
        let clock = CivilTime(time).clock
        return days > 0 ? "+\(days)d \(clock)" : clock
    }

    /// `2026-11-22 18:00:00 UTC`.
    static func full(_ time: Timestamp) -> String {
        let iso = CivilTime(time).iso8601
        return "\(iso.prefix(10)) \(iso.dropFirst(11).prefix(8)) UTC"
    }

    private static func day(_ time: Timestamp) -> Int64 {
        let ms = time.milliseconds
        return (ms >= 0 ? ms : ms - 86_399_999) / 86_400_000
    }
}
