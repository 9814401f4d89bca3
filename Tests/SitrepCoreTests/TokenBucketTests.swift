import Testing
import SitrepCore

@Suite struct TokenBucketTests {
    @Test func allowsTheBurstThenRefusesUntilRefilled() {
        let start = ManualInstant.zero
        var bucket = TokenBucket(burst: 5, ratePerSecond: 1, now: start)
        let burst = (0..<5).map { _ in bucket.tryTake(now: start) }
        #expect(burst == [true, true, true, true, true])
        let sixth = bucket.tryTake(now: start)
        #expect(!sixth)
        let delay = bucket.delayUntilNextToken(now: start)
        #expect(delay == .seconds(1))
        let early = bucket.tryTake(now: start.advanced(by: .milliseconds(999)))
        #expect(!early)
        let onTime = bucket.tryTake(now: start.advanced(by: .seconds(1)))
        #expect(onTime)
    }

    @Test func steadyRateMatchesConfiguration() {
        var bucket = TokenBucket(burst: 2, ratePerSecond: 4, now: ManualInstant.zero)
        var sent = 0
        for step in 0...1_000 {
            if bucket.tryTake(now: ManualInstant.zero.advanced(by: .milliseconds(10 * step))) { sent += 1 }
        }
        #expect(sent == 2 + 40, "a burst of 2, then 10 s at 4 lines/s")
    }

    @Test func neverHoldsMoreThanTheBurst() {
        let start = ManualInstant.zero
        let bucket = TokenBucket(burst: 3, ratePerSecond: 10, now: start)
        let available = bucket.available(now: start.advanced(by: .seconds(3600)))
        #expect(available == 3)
    }

    /// A costly line (an IRC INVITE) waits for a full bucket and takes several tokens, leaving one for a reply.
    @Test func aCostlyLineTakesSeveralTokensFromAFullBucket() {
        let start = ManualInstant.zero
        var bucket = TokenBucket(burst: 5, ratePerSecond: 1, now: start)
        #expect(bucket.delayUntilFull(now: start) == .zero)
        _ = bucket.tryTake(now: start)
        #expect(bucket.delayUntilFull(now: start) == .seconds(1))
        let full = start.advanced(by: .seconds(1))
        #expect(bucket.delayUntilFull(now: full) == .zero)
        bucket.take(4, now: full)
        #expect(bucket.available(now: full) == 1)
        let reply = bucket.tryTake(now: full)
        #expect(reply, "a reply right after still goes at once")
        #expect(bucket.delayUntilFull(now: full) == .seconds(5))
        bucket.take(99, now: full.advanced(by: .seconds(5)))
        #expect(bucket.available(now: full.advanced(by: .seconds(5))) == 0, "never more than the burst")
    }
}
