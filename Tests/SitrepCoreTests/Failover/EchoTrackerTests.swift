import Testing

@testable import SitrepCore

/// Echoes settle an effect line by line; what is left is what would be sent again.
struct EchoTrackerTests {
    let page = ChatAction.message(target: "bob", text: "You are paged for INC-1")
    let line = ChatAction.say(target: "#inc-1", text: "PAGE tier 1: bob")
    let invite = ChatAction.invite(nick: "bob", channel: "#inc-1")

    @Test func eachEchoLeavesOnlyTheUnechoedLinesAndTheSilentActions() {
        var tracker = EchoTracker()
        let result1 = tracker.expect("timer a", [line, page, invite])
        #expect(result1)
        let result2 = tracker.echoed(target: "#INC-1", text: "PAGE tier 1: bob")
        #expect(result2 == .remaining(key: "timer a", actions: [page, invite]))
        let result3 = tracker.echoed(target: "bob", text: "You are paged for INC-1")
        #expect(result3 == .settled(key: "timer a"))
        #expect(tracker.count == 0)
    }

    @Test func aLineCutByTheServerIsMatchedByItsFirstPart() {
        var tracker = EchoTracker()
        _ = tracker.expect("timer a", [page])
        let result4 = tracker.echoed(target: "bob", text: "You are paged")
        #expect(result4 == .settled(key: "timer a"))
    }

    @Test func echoesOfOtherLinesOrOtherTargetsChangeNothing() {
        var tracker = EchoTracker()
        _ = tracker.expect("timer a", [line])
        let result5 = tracker.echoed(target: "#inc-2", text: "PAGE tier 1: bob")
        #expect(result5 == nil)
        let result6 = tracker.echoed(target: "#inc-1", text: "something else")
        #expect(result6 == nil)
        let result7 = tracker.echoed(target: "#inc-1", text: "")
        #expect(result7 == nil)
        #expect(tracker.count == 1)
    }

    @Test func anEffectWithoutLinesIsNotTracked() {
        var tracker = EchoTracker()
        let result8 = tracker.expect("timer a", [invite])
        #expect(!result8)
        #expect(tracker.count == 0)
    }

    @Test func twoEffectsSettleIndependently() {
        var tracker = EchoTracker()
        _ = tracker.expect("timer a", [page])
        _ = tracker.expect("timer b", [line])
        let result9 = tracker.echoed(target: "#inc-1", text: "PAGE tier 1: bob")
        #expect(result9 == .settled(key: "timer b"))
        #expect(tracker.count == 1)
    }
}
