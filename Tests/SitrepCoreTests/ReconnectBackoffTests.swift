import SitrepTestSupport
import Testing
import SitrepCore

@Suite struct ReconnectBackoffTests {
    @Test func firstRetryComesWithinTheInitialDelay() {
        var generator = SplitMix64(seed: 1)
        for seed in 0..<200 {
            generator.state = UInt64(seed)
            var backoff = ReconnectBackoff(initial: .seconds(1), maximum: .seconds(60))
            let delay = backoff.nextDelay(using: &generator)
            #expect(delay >= .zero && delay <= .seconds(1))
        }
    }

    @Test func ceilingDoublesUntilTheCap() {
        var generator = SplitMix64(seed: 7)
        var backoff = ReconnectBackoff(initial: .seconds(1), maximum: .seconds(60))
        var ceilings: [Duration] = []
        for _ in 0..<9 {
            ceilings.append(backoff.currentCeiling)
            _ = backoff.nextDelay(using: &generator)
        }
        #expect(ceilings == [1, 2, 4, 8, 16, 32, 60, 60, 60].map { Duration.seconds($0) })
    }

    @Test func delaysStayWithinTheirCeilingAndAreJittered() {
        var generator = SplitMix64(seed: 42)
        var delays: Set<Duration> = []
        for _ in 0..<50 {
            var backoff = ReconnectBackoff(initial: .seconds(1), maximum: .seconds(8))
            for _ in 0..<5 {
                let ceiling = backoff.currentCeiling
                let delay = backoff.nextDelay(using: &generator)
                #expect(delay <= ceiling)
                delays.insert(delay)
            }
        }
        #expect(delays.count > 200, "full jitter must spread the waits")
    }

    @Test func resetStartsOverFromTheInitialDelay() {
        var generator = SplitMix64(seed: 3)
        var backoff = ReconnectBackoff(initial: .milliseconds(500), maximum: .seconds(10))
        for _ in 0..<6 { _ = backoff.nextDelay(using: &generator) }
        #expect(backoff.currentCeiling == .seconds(10))
        backoff.reset()
        #expect(backoff.attempts == 0)
        #expect(backoff.currentCeiling == .milliseconds(500))
    }
}
