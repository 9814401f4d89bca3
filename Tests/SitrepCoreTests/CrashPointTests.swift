import Synchronization
import Testing

@testable import SitrepCore

/// `SITREP_CRASH_AT` arms one point, at one hit; everything else passes through.
@Suite(.serialized)
struct CrashPointTests {
    final class Deaths: Sendable {
        let points = Mutex<[String]>([])
        var recorded: [String] { points.withLock { $0 } }
        func record(_ point: CrashPoint) { points.withLock { $0.append(point.rawValue) } }
    }

    @Test func anArmedPointDiesAtItsNthHitOnly() throws {
        let deaths = Deaths()
        try CrashPoints.arm("timer.sent:3", die: { deaths.record($0) })
        defer { try? CrashPoints.arm(nil, die: { _ in }) }
        CrashPoint.reached(.timerSent)
        CrashPoint.reached(.timerClaimed)
        CrashPoint.reached(.timerSent)
        #expect(deaths.recorded.isEmpty)
        CrashPoint.reached(.timerSent)
        #expect(deaths.recorded == ["timer.sent"])
    }

    @Test func aBareNameDiesAtTheFirstHit() throws {
        let deaths = Deaths()
        try CrashPoints.arm("declare.committed", die: { deaths.record($0) })
        defer { try? CrashPoints.arm(nil, die: { _ in }) }
        CrashPoint.reached(.declareCommitted)
        #expect(deaths.recorded == ["declare.committed"])
    }

    @Test func unarmedPointsNeverDie() throws {
        let deaths = Deaths()
        try CrashPoints.arm("", die: { deaths.record($0) })
        for point in CrashPoint.all { CrashPoint.reached(point) }
        #expect(deaths.recorded.isEmpty)
    }

    @Test(arguments: ["timer.nope", "timer.sent:0", "timer.sent:x", "timer.sent:1:2"])
    func aMalformedSpecificationNamesTheValueAndTheKnownPoints(_ value: String) {
        #expect {
            try CrashPoints.arm(value, die: { _ in })
        } throws: { error in
            let text = "\(error)"
            return text.contains("SITREP_CRASH_AT=\(value)") && text.contains("timer.claimed")
        }
    }

    @Test func pointNamesAreUnique() {
        let names = CrashPoint.all.map(\.rawValue)
        #expect(Set(names).count == names.count)
    }
}
