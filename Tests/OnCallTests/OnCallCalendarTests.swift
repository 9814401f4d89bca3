import Foundation
import OnCall
import SitrepCore
import Testing

@Suite("OnCallCalendar: iCalendar feed")
struct OnCallCalendarTests {
    let schedule = OnCallSchedule(
        name: "ops", zone: zone("Europe/Berlin"),
        layers: [layer([alice, bob], every: "1d", from: "2026-03-28", at: "09:00", restrictions: [restriction(nil, "09:00", "17:00")])])

    func feed() -> String {
        let shifts = schedule.shifts(from: instant("2026-03-28T00:00:00Z"), to: instant("2026-03-30T00:00:00Z"))
        return OnCallCalendar.render(schedule: "ops", shifts: shifts, generatedAt: instant("2026-03-01T12:00:00Z"))
    }

    @Test func eventsAreInUTCWithCRLFLines() {
        let text = feed()
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        // Gaps have no event; 09:00 CET on the 28th, 09:00 CEST on the 29th.
        let starts = text.components(separatedBy: "\r\n").filter { $0.hasPrefix("DTSTART:") }
        #expect(starts == ["DTSTART:20260328T080000Z", "DTSTART:20260329T070000Z"])
        #expect(text.contains("DTEND:20260328T160000Z\r\n"))
        #expect(text.contains("SUMMARY:On call: alice (ops)\r\n"))
        #expect(text.contains("DTSTAMP:20260301T120000Z\r\n"))
    }

    @Test func uidsAreStableAndDistinct() {
        let uids = feed().components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        #expect(uids.count == 2)
        #expect(Set(uids).count == 2)
        let later = OnCallCalendar.render(
            schedule: "ops",
            shifts: schedule.shifts(from: instant("2026-03-28T00:00:00Z"), to: instant("2026-03-30T00:00:00Z")),
            generatedAt: instant("2026-03-02T12:00:00Z"))
        #expect(later.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") } == uids)
    }

    @Test func textIsEscaped() {
        #expect(OnCallCalendar.escaped("a,b;c\\d\ne\r\u{7}f") == "a\\,b\\;c\\\\d\\ne f".replacingOccurrences(of: " ", with: ""))
    }

    @Test(arguments: [10, 74, 75, 76, 200])
    func longLinesFoldAt75OctetsWithoutSplittingCharacters(_ length: Int) {
        let line = "SUMMARY:" + String(repeating: "é", count: length)
        let folded = OnCallCalendar.folded(line)
        #expect(folded.hasSuffix("\r\n"))  // "\r\n" is one Character: dropLast() removes exactly it
        let physical = folded.dropLast().components(separatedBy: "\r\n")
        for (index, part) in physical.enumerated() {
            #expect(part.utf8.count <= 75)
            if index > 0 { #expect(part.hasPrefix(" ")) }
        }
        let unfolded = physical.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined()
        #expect(unfolded == line)
    }
}
