import Foundation

/// The `Date:` header form of RFC 5322 §3.3 in UTC: `Mon, 07 Dec 2026 12:00:00 +0000`.
public enum RFC5322Date {
    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let time = [parts.hour!, parts.minute!, parts.second!].map { pad($0, 2) }.joined(separator: ":")
        return
            "\(days[parts.weekday! - 1]), \(pad(parts.day!, 2)) \(months[parts.month! - 1]) \(pad(parts.year!, 4)) \(time) +0000"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
