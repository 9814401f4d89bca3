import SitrepCore
import SitrepTestSupport
import Testing

/// The reconnect policy decides each wait from what the server did; time and randomness are parameters, so an
/// outage of any length is simulated here in microseconds.
@Suite struct ReconnectPolicyTests {
    /// Simulates a server that went down at 0 (closing our connection, registered for `up`) and listens again at
    /// `outage`; returns how long after that the next attempt starts.
    static func firstAttemptAfterOutage(_ outage: Duration, up: Duration, seed: UInt64) -> Duration {
        var generator = SplitMix64(seed: seed)
        var policy = ReconnectPolicy()
        var now = Duration.zero
        var ending = ReconnectPolicy.Ending.closed(registeredFor: up)
        var lasted = up
        while true {
            now += policy.delay(after: ending, attemptLasted: lasted, using: &generator)
            if now >= outage { return now - outage }
            ending = .refused
            lasted = .milliseconds(1)
        }
    }

    @Test(arguments: [3, 30, 90, 600] as [Int64])
    func aServerListeningAgainIsTriedWithinAShortIntervalWhateverTheOutage(seconds: Int64) {
        for seed in 0..<200 as Range<UInt64> {
            for up in [Duration.seconds(2), .seconds(3600)] {
                let gap = Self.firstAttemptAfterOutage(.seconds(seconds), up: up, seed: seed)
                #expect(gap <= .milliseconds(750), "outage \(seconds) s, up \(up), seed \(seed)")
            }
        }
    }

    @Test func refusedConnectsAreRetriedOnAShortJitteredInterval() {
        var generator = SplitMix64(seed: 5)
        var policy = ReconnectPolicy()
        var delays: Set<Duration> = []
        for _ in 0..<500 {
            let delay = policy.delay(after: .refused, attemptLasted: .milliseconds(2), using: &generator)
            #expect(delay >= .milliseconds(250) && delay <= .milliseconds(750))
            delays.insert(delay)
        }
        #expect(delays.count > 400, "jittered, not in lockstep")
        #expect(policy.failures == 0)
    }

    @Test(arguments: [0, 50, 400, 2_000] as [Int64])
    func aServerThatAcceptsAndClosesGetsAtMostOneAttemptPerSecondAndLongerWaits(closesAfterMilliseconds: Int64) {
        for seed in 0..<100 as Range<UInt64> {
            var generator = SplitMix64(seed: seed)
            var policy = ReconnectPolicy()
            var waits: [Duration] = []
            let lasted = Duration.milliseconds(closesAfterMilliseconds)
            for _ in 0..<12 {
                let wait = policy.delay(after: .closed(registeredFor: nil), attemptLasted: lasted, using: &generator)
                #expect(lasted + wait >= .seconds(1), "attempt starts at least a second apart")
                waits.append(wait)
            }
            #expect(waits[5] >= .seconds(16) && waits[5] <= .seconds(32))
            #expect(waits.suffix(4).allSatisfy { $0 >= .seconds(30) && $0 <= .seconds(60) }, "capped at the maximum")
        }
    }

    /// An ircd restart ends a registered connection and refuses the next attempts: each loss is retried at once.
    @Test func repeatedRestartsAreEachMetByAShortRetry() {
        var generator = SplitMix64(seed: 9)
        var policy = ReconnectPolicy()
        for _ in 0..<5 {
            let lost = ReconnectPolicy.Ending.closed(registeredFor: .seconds(2))
            #expect(policy.delay(after: lost, attemptLasted: .seconds(3), using: &generator) <= .milliseconds(750))
            for _ in 0..<4 {
                let wait = policy.delay(after: .refused, attemptLasted: .milliseconds(1), using: &generator)
                #expect(wait <= .milliseconds(750))
            }
        }
    }

    /// A server that registers us and closes the link soon after, again and again, is not a restart: back off.
    @Test func aServerThatKeepsClosingRegisteredConnectionsIsBackedOffFrom() {
        var generator = SplitMix64(seed: 11)
        var policy = ReconnectPolicy()
        var waits: [Duration] = []
        for _ in 0..<6 {
            let ending = ReconnectPolicy.Ending.closed(registeredFor: .seconds(1))
            waits.append(policy.delay(after: ending, attemptLasted: .seconds(2), using: &generator))
        }
        #expect(waits[0] <= .milliseconds(750))
        #expect(waits[1] >= .seconds(1) && waits[1] <= .seconds(2))
        #expect(waits[5] >= .seconds(16) && waits[5] <= .seconds(32))
        let stayedUp = ReconnectPolicy.Ending.closed(registeredFor: .seconds(30))
        let stable = policy.delay(after: stayedUp, attemptLasted: .seconds(31), using: &generator)
        #expect(stable <= .milliseconds(750) && policy.failures == 0, "a connection that stayed up clears the run")
    }

    @Test func throttlingRaisesTheFloorAndABanRaisesItFurther() {
        var generator = SplitMix64(seed: 13)
        var policy = ReconnectPolicy()
        var floors: [Duration] = []
        for _ in 0..<6 {
            let wait = policy.delay(after: .throttled, attemptLasted: .milliseconds(300), using: &generator)
            #expect(wait >= policy.floor - .milliseconds(300))
            floors.append(policy.floor)
        }
        #expect(floors == [30, 60, 120, 240, 300, 300].map { Duration.seconds($0) })
        let refused = policy.delay(after: .refused, attemptLasted: .milliseconds(1), using: &generator)
        #expect(refused >= .seconds(299), "the floor holds while the server refuses too")
        var banned = ReconnectPolicy()
        #expect(banned.delay(after: .banned, attemptLasted: .seconds(1), using: &generator) >= .seconds(299))
        let stayedUp = ReconnectPolicy.Ending.closed(registeredFor: .seconds(60))
        let afterStable = banned.delay(after: stayedUp, attemptLasted: .seconds(60), using: &generator)
        #expect(afterStable <= .milliseconds(750) && banned.floor == .zero)
    }

    static let serverErrors: [(String, ReconnectPolicy.Ending)] = [
        ("Closing link: (sitrep@127.0.0.1) [Throttled: Reconnecting too fast]", .throttled),
        ("Trying to reconnect too fast.", .throttled),
        ("Closing Link: 127.0.0.1 (K-Lined: spam)", .banned),
        ("Closing link: (u@h) [G-lined: go away]", .banned),
        ("You are banned from this server- abuse", .banned),
        ("Closing link: (u@h) [Registration timeout]", .closed(registeredFor: nil)),
        ("Closing link: (u@h) [Server shutting down]", .closed(registeredFor: nil)),
    ]

    @Test(arguments: serverErrors)
    func serverErrorsAreClassified(_ text: String, _ expected: ReconnectPolicy.Ending) {
        #expect(ReconnectPolicy.Ending.fromServerError(text) == expected)
    }
}
