import Testing

@testable import SitrepCore

/// Alert posts per announce channel, coalesced over time: posts go out at once while they fit in a window's
/// lines, the rest of a storm is held and posted together when the window ends, capped at `maxLines` lines and
/// one summary. Virtual time, no sleeping.
@Suite struct AlertPostCoalescerTests {
    typealias F = AlertFixtures
    typealias Item = AlertAnnouncement.Item
    typealias Coalescer = AlertPostCoalescer<ManualInstant>

    func at(_ seconds: Double) -> ManualInstant { .zero.advanced(by: .seconds(seconds)) }
    func items(_ ids: ClosedRange<Int>) -> [Item] {
        ids.map { Item(alert: F.alert(Int64($0)), kind: .firing(hint: true)) }
    }

    @Test func aQuietChannelGetsItsPostsAtOnceWhileTheyFit() {
        var coalescer = Coalescer(window: .seconds(30), maxLines: 5)
        let first = coalescer.submit(items(1...2), to: "#ops", at: at(0))
        #expect(first == .init(channel: "#ops", lines: AlertAnnouncement.lines(items(1...2), maxLines: 5)))
        #expect(coalescer.submit(items(3...6), to: "#ops", at: at(1))?.lines.count == 4)
        #expect(coalescer.deadline == nil)
        #expect(coalescer.submit(items(7...7), to: "#ops", at: at(2)) == nil, "the window's six lines are used")
        #expect(coalescer.deadline == at(30))
    }

    @Test func aStormOfFiveHundredCallsCostsAtMostTwiceTheLimitPerWindow() {
        var coalescer = Coalescer(window: .seconds(30), maxLines: 5)
        var posted: [String] = []
        for call in 0..<500 {
            let now = at(Double(call) * 0.02)
            posted += coalescer.submit(items((call + 1)...(call + 1)), to: "#ops", at: now)?.lines ?? []
            posted += coalescer.due(at: now).flatMap(\.lines)
        }
        #expect(posted.count == 6, "the first six calls go out at once, one line each")
        #expect(coalescer.heldCount(in: "#ops") == 494)
        #expect(coalescer.due(at: at(29.9)).isEmpty)
        let due = coalescer.due(at: at(30))
        #expect(due.count == 1)
        #expect(due[0].lines.count == 6)
        #expect(due[0].lines.last?.hasPrefix("…and 489 more firing: alerts 12–500") == true, "\(due[0].lines)")
        #expect(coalescer.deadline == nil)
        #expect(coalescer.submit(items(501...501), to: "#ops", at: at(31)) == nil, "the held post used the window")
        #expect(coalescer.deadline == at(60))
    }

    @Test func anAlertHeldTwiceIsPostedOnceInItsLatestState() {
        var coalescer = Coalescer(window: .seconds(30), maxLines: 0)
        _ = coalescer.submit(items(1...1), to: "#ops", at: at(0))
        _ = coalescer.submit(items(2...2), to: "#ops", at: at(1))
        _ = coalescer.submit([Item(alert: F.alert(2), kind: .resolved(incidentID: nil))], to: "#ops", at: at(2))
        let lines = coalescer.due(at: at(30)).first?.lines
        #expect(lines == [AlertAnnouncement.line(Item(alert: F.alert(2), kind: .resolved(incidentID: nil)))])
    }

    @Test func heldPostsKeepTheirPlaceAheadOfLaterOnes() {
        var coalescer = Coalescer(window: .seconds(30), maxLines: 1)
        #expect(coalescer.submit(items(1...2), to: "#ops", at: at(0)) != nil)
        #expect(coalescer.submit(items(3...4), to: "#ops", at: at(1)) == nil)
        #expect(coalescer.submit(items(5...5), to: "#ops", at: at(40)) == nil, "held ones go first")
        #expect(coalescer.due(at: at(40)).first?.lines.count == 2)
    }

    @Test func channelsAreCoalescedEachOnTheirOwn() {
        var coalescer = Coalescer(window: .seconds(30), maxLines: 0)
        #expect(coalescer.submit(items(1...1), to: "#ops", at: at(0)) != nil)
        #expect(coalescer.submit(items(2...2), to: "#noc", at: at(1)) != nil)
        #expect(coalescer.submit(items(3...3), to: "#ops", at: at(2)) == nil)
        #expect(coalescer.submit(items(4...4), to: "#noc", at: at(3)) == nil)
        #expect(coalescer.deadline == at(30))
        #expect(coalescer.due(at: at(30)).map(\.channel) == ["#ops"])
        #expect(coalescer.due(at: at(31)).map(\.channel) == ["#noc"])
    }
}
