import SitrepCore

/// IRCv3 `server-time` timestamps (`2026-11-22T18:00:00.123Z`) as milliseconds since the Unix epoch.
///
/// Pure calendar arithmetic (proleptic Gregorian, UTC), no Foundation.
public enum ServerTime {
    /// Milliseconds since 1970-01-01T00:00:00Z, or `nil` when `text` is not `YYYY-MM-DDThh:mm:ss[.fraction]Z`
    /// (a `+hh:mm`/`-hh:mm` offset is accepted too; fraction digits past milliseconds are ignored).
    public static func parse(_ text: String) -> Int64? {
        // Every line with server-time passes here: read the string's own bytes, no copy.
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == .space,
            b[13] == .colon, b[16] == .colon,
            let year = number(b, 0, 4), let month = number(b, 5, 2), let day = number(b, 8, 2),
            let hour = number(b, 11, 2), let minute = number(b, 14, 2), let second = number(b, 17, 2),
            (1...12).contains(month), (1...CivilCalendar.daysInMonth(year, month)).contains(day),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        var millis: Int64 = 0
        if b[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < b.count, let digit = digit(b[index]) {
                if digits < 3 { millis = millis * 10 + digit }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { millis *= 10 }
        }
        guard let offset = offsetSeconds(b, from: index) else { return nil }
        let days = CivilCalendar.daysFromCivil(year, month, day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return seconds * 1_000 + millis
    }

    /// `milliseconds` since the epoch as `YYYY-MM-DDThh:mm:ss.sssZ`, the form servers send.
    public static func format(_ milliseconds: Int64) -> String {
        let (seconds, millis) = CivilCalendar.floorDivide(milliseconds, 1_000)
        let (days, secondOfDay) = CivilCalendar.floorDivide(seconds, 86_400)
        let (year, month, day) = CivilCalendar.civilFromDays(days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3_600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(millis, 3))Z"
    }

    private static func offsetSeconds(_ b: UnsafeBufferPointer<UInt8>, from index: Int) -> Int64? {
        guard index < b.count else { return nil }
        if (b[index] == UInt8(ascii: "Z") || b[index] == UInt8(ascii: "z")) && index + 1 == b.count { return 0 }
        guard b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-"), b.count == index + 6,
            b[index + 3] == .colon, let hours = number(b, index + 1, 2), let minutes = number(b, index + 4, 2),
            hours < 24, minutes < 60
        else { return nil }
        let offset = hours * 3_600 + minutes * 60
        return b[index] == UInt8(ascii: "+") ? offset : -offset
    }

    private static func digit(_ byte: UInt8) -> Int64? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> Int64? {
        var value: Int64 = 0
        for index in start..<(start + length) {
            guard index < b.count, let digit = digit(b[index]) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
