import Foundation
import OnCall
import SitrepCore

/// An instant written in ISO 8601 with its offset, e.g. `2026-03-29T03:00:00+02:00`.
func instant(_ text: String) -> Timestamp {
    let formatter = ISO8601DateFormatter()
    guard let date = formatter.date(from: text) else { fatalError("not an ISO 8601 instant: \(text)") }
    return Timestamp(milliseconds: Int64(date.timeIntervalSince1970) * 1000)
}

func zone(_ identifier: String) -> TimeZone {
    guard let zone = TimeZone(identifier: identifier) else { fatalError("unknown zone \(identifier)") }
    return zone
}

let alice = ChatIdentity.account("alice")
let bob = ChatIdentity.account("bob")
let carol = ChatIdentity.account("carol")
let dave = ChatIdentity.account("dave")

/// A layer of `people` turning every `every`, the first turn starting on `date` at `time` of the wall clock.
func layer(
    _ people: [ChatIdentity], named name: String = "primary", every: String, from date: String, at time: String = "00:00",
    restrictions: [OnCallRestriction] = []
) -> OnCallLayer {
    OnCallLayer(
        name: name, people: people, interval: HandoffInterval(every)!,
        start: WallClock(date: LocalDate(date)!, time: TimeOfDay(time)!), restrictions: restrictions)
}

func restriction(_ days: [Weekday]? = nil, _ from: String, _ until: String) -> OnCallRestriction {
    OnCallRestriction(days: days.map(Set.init) ?? Set(Weekday.allCases), from: TimeOfDay(from)!, until: TimeOfDay(until)!)
}

func override(
    _ person: ChatIdentity, _ start: String, _ end: String, schedule: String = "ops", id: Int64? = nil
) -> OnCallOverride {
    OnCallOverride(
        id: id, schedule: schedule, person: person, start: instant(start), end: instant(end), createdBy: person,
        createdAt: instant(start))
}
