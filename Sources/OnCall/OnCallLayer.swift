import Foundation
import SitrepCore

/// One rotation of a schedule: `people` take turns of `interval`, the first turn starting at `start` on the
/// schedule's wall clock (and the turns continue the same way before `start`, so a schedule has someone at any
/// instant). With restrictions the layer has someone only inside their windows.
public struct OnCallLayer: Sendable, Hashable {
    /// The layer's name, shown as the source of its shifts.
    public var name: String
    /// In order of their turns; never empty.
    public var people: [ChatIdentity]
    public var interval: HandoffInterval
    /// When `people[0]`'s turn starts; every hand-off is this plus a whole number of intervals.
    public var start: WallClock
    /// Empty: always in force; otherwise in force only inside one of these windows.
    public var restrictions: [OnCallRestriction]

    public init(
        name: String, people: [ChatIdentity], interval: HandoffInterval, start: WallClock,
        restrictions: [OnCallRestriction] = []
    ) {
        precondition(!people.isEmpty, "a layer has at least one person")
        self.name = name
        self.people = people
        self.interval = interval
        self.start = start
        self.restrictions = restrictions
    }

    /// The wall-clock time of the `turn`th hand-off (turn 0 is `start`; negative turns are before it).
    func handoff(_ turn: Int64) -> WallClock { start.adding(seconds: turn * interval.seconds) }

    /// The turn in progress at `instant`: the last hand-off at or before it.
    func turn(at instant: Timestamp, clock: ZoneClock) -> Int64 {
        var turn = (clock.wallClock(at: instant).seconds - start.seconds).floorDivided(by: interval.seconds)
        while clock.instant(at: handoff(turn)) > instant { turn -= 1 }
        while clock.instant(at: handoff(turn + 1)) <= instant { turn += 1 }
        return turn
    }

    /// Who has `turn`.
    func person(forTurn turn: Int64) -> ChatIdentity {
        people[Int(turn.floorModulo(Int64(people.count)))]
    }

    /// Whether the layer is in force at `instant`.
    func isInForce(at instant: Timestamp, clock: ZoneClock) -> Bool {
        restrictions.isEmpty || restrictions.contains { $0.contains(clock.wallClock(at: instant)) }
    }

    /// Who this layer has on call at `instant`, if it is in force.
    func onCall(at instant: Timestamp, clock: ZoneClock) -> ChatIdentity? {
        guard isInForce(at: instant, clock: clock) else { return nil }
        return person(forTurn: turn(at: instant, clock: clock))
    }

    /// Every instant in (from, to) where this layer's answer may change: hand-offs and restriction edges.
    func changes(after from: Timestamp, before to: Timestamp, clock: ZoneClock) -> [Timestamp] {
        var instants: [Timestamp] = []
        var next = turn(at: from, clock: clock) + 1
        while case let instant = clock.instant(at: handoff(next)), instant < to {
            if instant > from { instants.append(instant) }
            next += 1
        }
        guard !restrictions.isEmpty else { return instants }
        let firstDay = clock.wallClock(at: from).dayNumber - 1
        let lastDay = clock.wallClock(at: to).dayNumber
        for restriction in restrictions {
            for day in firstDay...max(firstDay, lastDay) {
                guard let window = restriction.window(openingOn: day) else { continue }
                for edge in [window.lowerBound, window.upperBound] {
                    let instant = clock.instant(at: edge)
                    if instant > from && instant < to { instants.append(instant) }
                }
            }
        }
        return instants
    }
}
