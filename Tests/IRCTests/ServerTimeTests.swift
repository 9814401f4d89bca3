import SitrepTestSupport
import Testing

@testable import IRC

@Suite struct ServerTimeTests {
    static let parsed: [(String, Int64?)] = [
        ("1970-01-01T00:00:00.000Z", 0),
        ("1970-01-01T00:00:00Z", 0),
        ("2026-11-22T18:00:00.123Z", 1_795_370_400_123),
        ("2000-02-29T12:34:56.789Z", 951_827_696_789),
        ("1969-12-31T23:59:59.999Z", -1),
        ("2026-11-22T18:00:00.1Z", 1_795_370_400_100),
        ("2026-11-22T18:00:00.123456Z", 1_795_370_400_123),
        ("2026-11-22T19:00:00.123+01:00", 1_795_370_400_123),
        ("2026-11-22T17:30:00.123-00:30", 1_795_370_400_123),
        ("2001-02-29T00:00:00Z", nil),
        ("2026-13-01T00:00:00Z", nil),
        ("2026-11-22T24:00:00Z", nil),
        ("2026-11-22T18:00:00", nil),
        ("2026-11-22T18:00:00.Z", nil),
        ("2026-11-22T18:00:00.123Zjunk", nil),
        ("yesterday", nil),
        ("", nil),
    ]

    @Test(arguments: parsed)
    func parsesServerTime(_ text: String, _ expected: Int64?) {
        #expect(ServerTime.parse(text) == expected)
    }

    @Test(arguments: [0, 1_795_370_400_123, 951_827_696_789, -1, 253_402_300_799_999] as [Int64])
    func formatsAndParsesBack(_ milliseconds: Int64) {
        #expect(ServerTime.parse(ServerTime.format(milliseconds)) == milliseconds)
    }

    @Test func formatsLikeServersDo() {
        #expect(ServerTime.format(1_795_370_400_123) == "2026-11-22T18:00:00.123Z")
        #expect(ServerTime.format(5) == "1970-01-01T00:00:00.005Z")
    }

    @Test func roundTripsEveryDayOverCenturies() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<5_000 {
            let milliseconds = Int64.random(in: -2_000_000_000_000...32_000_000_000_000, using: &rng)
            #expect(ServerTime.parse(ServerTime.format(milliseconds)) == milliseconds)
        }
    }
}
