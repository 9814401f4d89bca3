import Foundation
import SitrepCore

/// A named on-call schedule: layers of rotations on the wall clock of one IANA time zone. A later layer overrides
/// the earlier ones wherever it has someone; overrides sit on top of every layer. Everything it answers is a pure
/// function of the schedule, the overrides passed in and the instant asked about.
public struct OnCallSchedule: Sendable, Hashable {
    public var name: String
    public var clock: ZoneClock
    /// The zone as the operator wrote it (Foundation may report `UTC` as `GMT`), for listings.
    public var zoneName: String
    /// Lowest priority first.
    public var layers: [OnCallLayer]

    public init(name: String, zone: TimeZone, zoneName: String? = nil, layers: [OnCallLayer]) {
        self.name = name
        self.clock = ZoneClock(zone: zone)
        self.zoneName = zoneName ?? zone.identifier
        self.layers = layers
    }

    public var zone: TimeZone { clock.zone }

    /// Who is on call at `instant`. Overrides for other schedules are ignored.
    public func onCall(at instant: Timestamp, overrides: [OnCallOverride] = []) -> OnCallAnswer {
        if let override = own(overrides).last(where: { $0.covers(instant) }) {
            return OnCallAnswer(person: override.person, source: .override(override.id))
        }
        for layer in layers.reversed() {
            if let person = layer.onCall(at: instant, clock: clock) {
                return OnCallAnswer(person: person, source: .layer(layer.name))
            }
        }
        return .nobody
    }

    /// The shifts covering [from, to), in order, adjacent ones with the same person and source merged; gaps with
    /// nobody on call are shifts with no person. The first starts at `from`, the last ends at `to`.
    public func shifts(from: Timestamp, to: Timestamp, overrides: [OnCallOverride] = []) -> [OnCallShift] {
        guard from < to else { return [] }
        let mine = own(overrides)
        var edges = Set(layers.flatMap { $0.changes(after: from, before: to, clock: clock) })
        for override in mine {
            for edge in [override.start, override.end] where edge > from && edge < to { edges.insert(edge) }
        }
        let starts = [from] + edges.sorted()
        var shifts: [OnCallShift] = []
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : to
            let answer = onCall(at: start, overrides: mine)
            if var last = shifts.last, last.person == answer.person, last.source == answer.source {
                last.end = end
                shifts[shifts.count - 1] = last
            } else {
                shifts.append(OnCallShift(start: start, end: end, person: answer.person, source: answer.source))
            }
        }
        return shifts
    }

    /// The first moment after `instant` where the person on call changes, looking at most `horizon` ahead (a
    /// schedule of one person and no restrictions never hands off).
    public func nextHandoff(
        after instant: Timestamp, overrides: [OnCallOverride] = [], horizon: Duration = .seconds(400 * 86_400)
    ) -> OnCallHandoff? {
        let current = onCall(at: instant, overrides: overrides)
        var windowStart = instant
        let limit = instant.adding(horizon)
        while windowStart < limit {
            let windowEnd = min(limit, windowStart.adding(.seconds(31 * 86_400)))
            for shift in shifts(from: windowStart, to: windowEnd, overrides: overrides)
            where shift.person != current.person {
                return OnCallHandoff(
                    at: shift.start, from: current, to: OnCallAnswer(person: shift.person, source: shift.source))
            }
            windowStart = windowEnd
        }
        return nil
    }

    /// Everyone who takes a turn in some layer, in order of first appearance.
    public var people: [ChatIdentity] {
        var seen = Set<ChatIdentity>()
        return layers.flatMap(\.people).filter { seen.insert($0).inserted }
    }

    private func own(_ overrides: [OnCallOverride]) -> [OnCallOverride] {
        overrides.filter { $0.schedule == name && $0.start < $0.end }
    }
}
