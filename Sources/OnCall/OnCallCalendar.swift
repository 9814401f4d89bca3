import Foundation
import SitrepCore

/// Renders a schedule's shifts as an iCalendar feed (RFC 5545): one `VEVENT` per shift with someone on call,
/// times in UTC, text escaped, lines ending in CRLF and folded at 75 octets. A shift keeps its `UID` while its
/// start, person and schedule stay the same, so a calendar that refreshes the feed updates events in place.
public enum OnCallCalendar {
    /// The feed of `shifts` of schedule `name`; `generatedAt` is every event's `DTSTAMP`.
    public static func render(schedule name: String, shifts: [OnCallShift], generatedAt: Timestamp) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sitrep//on-call schedule//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + escaped("On call: \(name)"),
        ]
        for shift in shifts {
            guard let person = shift.person else { continue }
            let summary = "On call: \(person.name) (\(name))"
            lines += [
                "BEGIN:VEVENT",
                "UID:" + escaped("\(utc(shift.start))-\(person.kind.rawValue)-\(person.name)@\(name).oncall.sitrep"),
                "DTSTAMP:" + utc(generatedAt),
                "DTSTART:" + utc(shift.start),
                "DTEND:" + utc(shift.end),
                "SUMMARY:" + escaped(summary),
                "DESCRIPTION:" + escaped("\(person.name) is on call for \(name) (\(shift.source))."),
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(folded).joined()
    }

    /// A TEXT value with backslash, semicolon, comma and line breaks escaped; other control characters dropped.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            case "\r": continue
            default:
                if scalar.properties.generalCategory == .control { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A content line folded so no physical line exceeds 75 octets (not counting CRLF), never inside a UTF-8
    /// sequence; continuation lines start with one space. Ends in CRLF.
    public static func folded(_ line: String) -> String {
        var output = ""
        var octets = 0
        for character in line.unicodeScalars {
            let size = String(character).utf8.count
            if octets + size > 75 {
                output += "\r\n "
                octets = 1
            }
            output.unicodeScalars.append(character)
            octets += size
        }
        return output + "\r\n"
    }

    /// `20261207T090000Z`.
    static func utc(_ date: Timestamp) -> String {
        let seconds = date.milliseconds.floorDivided(by: 1000)
        let day = LocalDate(dayNumber: seconds.floorDivided(by: 86_400))
        let secondsIntoDay = Int(seconds.floorModulo(86_400))
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let time = pad(secondsIntoDay / 3600) + pad(secondsIntoDay / 60 % 60) + pad(secondsIntoDay % 60)
        return day.description.replacingOccurrences(of: "-", with: "") + "T" + time + "Z"
    }
}
