import SitrepCore
import Testing

/// `TimelineEntry.gap`: the key event saying when recording stopped and why, in the words the review reads.
@Suite struct TimelineEntryGapTests {
    @Test func aGapSaysWhenAndWhyAtItsEnd() {
        // 2025-11-24 08:36:00 and 08:36:40 UTC.
        let from = Timestamp(milliseconds: 1_763_973_360_000)
        let to = Timestamp(milliseconds: 1_763_973_400_000)
        let entry = TimelineEntry.gap(in: 7, from: from, to: to, reason: "the chat connection was down")
        #expect(entry.incidentID == 7 && entry.time == to && entry.kind == .gap && entry.isKeyEvent)
        #expect(entry.author == "")
        #expect(entry.text == "recording interrupted 08:36:00–08:36:40 UTC (the chat connection was down)")
        #expect(entry.detail == "gap from=1763973360000 to=1763973400000")
    }
}
