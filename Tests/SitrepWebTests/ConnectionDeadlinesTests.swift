import SitrepCore
import Testing

@testable import SitrepWeb

/// The idle and read timeouts of one connection, and draining after an early closing answer, in virtual time.
@Suite struct ConnectionDeadlinesTests {
    typealias Machine = ConnectionDeadlines<ManualInstant>
    let limits = WebServerLimits(idleTimeout: .seconds(30), readTimeout: .seconds(10))

    func at(_ seconds: Double) -> ManualInstant { .zero.advanced(by: .seconds(seconds)) }

    @Test func aConnectionThatSendsNothingIsClosedAfterTheReadTimeout() {
        let machine = Machine(limits: limits, openedAt: at(0))
        #expect(machine.deadline == at(10))
        #expect(machine.timerFired(at: at(9.9)) == .none)
        #expect(machine.timerFired(at: at(10)) == .close)
    }

    @Test func aTrickledHeaderDoesNotExtendTheDeadline() {
        // Bytes of a head that never completes produce no part: the deadline stays where the connection opened.
        let machine = Machine(limits: limits, openedAt: at(0))
        #expect(machine.timerFired(at: at(10)) == .close)
    }

    @Test func aStalledBodyIsClosedAfterTheReadTimeoutSinceTheLastRead() {
        var machine = Machine(limits: limits, openedAt: at(0))
        machine.headRead(at: at(1), closes: false)
        #expect(machine.deadline == at(11))
        machine.bodyRead(at: at(8))
        #expect(machine.deadline == at(18))
        #expect(machine.timerFired(at: at(17)) == .none)
        #expect(machine.timerFired(at: at(18)) == .close)
    }

    @Test func anAnswerBeingMadeHasNoDeadline() {
        var machine = Machine(limits: limits, openedAt: at(0))
        machine.headRead(at: at(1), closes: false)
        machine.endRead(at: at(1))
        #expect(machine.deadline == nil)
        #expect(machine.activity == .answering)
        #expect(machine.timerFired(at: at(500)) == .none)
    }

    @Test func aKeptAliveConnectionIsClosedAfterTheIdleTimeout() {
        var machine = Machine(limits: limits, openedAt: at(0))
        machine.headRead(at: at(1), closes: false)
        machine.endRead(at: at(1))
        #expect(machine.answerEnded(at: at(2)) == .none)
        #expect(machine.activity == .idle)
        #expect(machine.deadline == at(32))
        #expect(machine.timerFired(at: at(31)) == .none)
        #expect(machine.timerFired(at: at(32)) == .close)
    }

    @Test func anAnswerToAClosingRequestClosesTheConnection() {
        var machine = Machine(limits: limits, openedAt: at(0))
        machine.headRead(at: at(1), closes: true)
        machine.endRead(at: at(1))
        #expect(machine.answerEnded(at: at(2)) == .close)
    }

    @Test func anAnswerSayingCloseClosesTheConnection() {
        var machine = Machine(limits: limits, openedAt: at(0))
        machine.headRead(at: at(1), closes: false)
        machine.endRead(at: at(1))
        let saysClose = machine.answerHeadWritten(closes: true)
        #expect(saysClose)
        #expect(machine.answerEnded(at: at(2)) == .close)
    }

    @Test func anAnswerToAWholeRequestKeepsTheConnection() {
        var machine = Machine(limits: limits, openedAt: at(0))
        machine.headRead(at: at(1), closes: false)
        machine.endRead(at: at(1))
        let saysClose = machine.answerHeadWritten(closes: false)
        #expect(!saysClose)
        #expect(machine.answerEnded(at: at(2)) == .none)
    }

    @Test func anEarlyAnswerClosesAndDrainsTheRestForAtMostTheReadTimeout() {
        var machine = Machine(limits: limits, openedAt: at(0))
        machine.headRead(at: at(1), closes: false)
        let saysClose = machine.answerHeadWritten(closes: false)
        #expect(saysClose, "an answer before the body's end must say Connection: close")
        #expect(machine.answerEnded(at: at(2)) == .startDraining)
        #expect(machine.isDraining)
        machine.bodyRead(at: at(5))
        #expect(machine.deadline == at(12), "draining is bounded from its start, however fast the client sends")
        #expect(machine.timerFired(at: at(12)) == .close)
    }
}

/// Which connection gives way when a new one arrives at the limit.
@Suite struct ConnectionTableTests {
    @Test func underTheLimitEveryConnectionIsAccepted() {
        var table = ConnectionTable(limit: 2)
        #expect(table.opened(1) == .accept)
        #expect(table.opened(2) == .accept)
        #expect(table.count == 2)
    }

    @Test func atTheLimitTheLongestIdleConnectionMakesRoom() {
        var table = ConnectionTable(limit: 3)
        _ = table.opened(1)
        _ = table.opened(2)
        _ = table.opened(3)
        table.update(1, .reading)
        table.update(1, .answering)
        table.update(1, .idle)
        #expect(table.opened(4) == .acceptEvicting(2))
        #expect(table.opened(5) == .acceptEvicting(3))
        #expect(table.opened(6) == .acceptEvicting(1))
        #expect(table.count == 3)
    }

    @Test func aConnectionReadingARequestGivesWayOnlyWhenNoneIsIdle() {
        var table = ConnectionTable(limit: 2)
        _ = table.opened(1)
        _ = table.opened(2)
        table.update(1, .reading)
        #expect(table.opened(3) == .acceptEvicting(2))
        table.update(3, .reading)
        #expect(table.opened(4) == .acceptEvicting(1))
    }

    @Test func aConnectionBeingAnsweredIsNeverCutOff() {
        var table = ConnectionTable(limit: 2)
        _ = table.opened(1)
        _ = table.opened(2)
        table.update(1, .answering)
        table.update(2, .answering)
        #expect(table.opened(3) == .refuse)
        table.closed(1)
        #expect(table.opened(3) == .accept)
    }
}

/// One refusal warning per interval, with the count of those held back.
@Suite struct WarningThrottleTests {
    @Test func oneWarningPerIntervalThenTheCountHeldBack() {
        var throttle = WarningThrottle<ManualInstant>(interval: .seconds(10))
        let start = ManualInstant.zero
        #expect(throttle.warning(at: start) == .log(heldBack: 0))
        for second in 1...499 {
            #expect(throttle.warning(at: start.advanced(by: .milliseconds(second * 10))) == .holdBack)
        }
        #expect(throttle.warning(at: start.advanced(by: .seconds(10))) == .log(heldBack: 499))
        #expect(throttle.warning(at: start.advanced(by: .seconds(30))) == .log(heldBack: 0))
    }
}

/// Which methods a known path takes, for 405.
@Suite struct WebEndpointTests {
    let endpoints = [
        WebEndpoint("/incidents/:id", [.get]), WebEndpoint("/hooks/generic", [.post]), WebEndpoint("/", [.get]),
    ]

    @Test func aKnownPathListsItsMethodsWithHeadForGet() {
        #expect(WebEndpoint.allowed(for: "/incidents/4", in: endpoints) == [.get, .head])
        #expect(WebEndpoint.allowed(for: "/hooks/generic", in: endpoints) == [.post])
        #expect(WebEndpoint.allowed(for: "/", in: endpoints) == [.get, .head])
    }

    @Test func anUnknownPathHasNone() {
        #expect(WebEndpoint.allowed(for: "/incidents/4/x", in: endpoints) == nil)
        #expect(WebEndpoint.allowed(for: "/nope", in: endpoints) == nil)
    }
}
