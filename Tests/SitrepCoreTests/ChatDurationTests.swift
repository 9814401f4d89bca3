import SitrepCore
import Testing

@Suite struct ChatDurationTests {
    @Test(arguments: [
        ("1s", 1 as Int64), ("90s", 90), ("15m", 900), ("2h", 7200), ("1h30m", 5400), ("1d", 86_400),
        ("1d2h3m4s", 93_784), ("7d", 604_800), ("15M", 900), ("0h5m", 300), ("120m", 7200),
    ])
    func parsesWhatPeopleType(text: String, seconds: Int64) {
        #expect(ChatDuration.parse(text) == .success(.seconds(seconds)))
    }

    @Test(arguments: [
        ("", ChatDuration.ParseError.empty), ("15", .malformed("15")), ("m", .malformed("m")),
        ("15x", .malformed("15x")), ("30m1h", .malformed("30m1h")), ("1h1h", .malformed("1h1h")),
        ("1.5h", .malformed("1.5h")), ("-5m", .malformed("-5m")), ("15 m", .malformed("15 m")),
        ("0s", .tooShort), ("0m", .tooShort), ("7d1s", .tooLong), ("8d", .tooLong),
        ("99999999999999999999s", .tooLong), ("١٥m", .malformed("١٥m")),
    ])
    func rejectsWithAReason(text: String, error: ChatDuration.ParseError) {
        #expect(ChatDuration.parse(text) == .failure(error))
    }

    @Test(arguments: [
        (0 as Int64, "0s"), (45, "45s"), (90, "1m30s"), (900, "15m"), (5400, "1h30m"), (86_400, "1d"),
        (93_784, "1d2h3m4s"),
    ])
    func formatsCompactlyAndReadsBack(seconds: Int64, text: String) {
        #expect(ChatDuration.format(.seconds(seconds)) == text)
        if seconds > 0 { #expect(ChatDuration.parse(text) == .success(.seconds(seconds))) }
    }

    @Test func errorsRenderAsOneLine() {
        #expect(!ChatDuration.ParseError.malformed("1\r\nQUIT").description.contains("\n"))
    }
}
