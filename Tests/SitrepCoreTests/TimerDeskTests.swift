import SitrepCore
import Testing

/// `TimerDesk`: the coordinator's timer decisions. The marks of fired timers are its state (a firing queued
/// counts as fired, a failed one is pending again); a timer made moot by a change is not fired; a chatty lead
/// replans at most every 30 seconds. Times are passed in; no clock, no sleeping.
@Suite struct TimerDeskTests {
    typealias T = TimerFixtures

    static func reminder(_ key: String, minutes: Int64) -> IncidentTimer {
        IncidentTimer(incidentID: 4, kind: .reminder, key: key, due: T.at(minutes: minutes), text: "check \(key)")
    }

    static func escalation(in plan: [IncidentTimer]) -> IncidentTimer? {
        plan.first { $0.id.kind == .escalation }
    }

    @Test func aQueuedFiringCountsAsFiredUntilItsStoreWriteFails() throws {
        var desk = TimerDesk(policy: T.full)
        let incident = T.incident(.sev1)
        let update = try #require(desk.plan(for: incident, pending: [], now: T.t0).first { $0.id.kind == .updateDue })
        desk.firingQueued(update.id)
        #expect(!desk.plan(for: incident, pending: [], now: T.t0).contains(update))
        desk.firingFailed(update.id)
        #expect(desk.plan(for: incident, pending: [], now: T.t0).contains(update))
    }

    @Test func theStoresMarksAreLoadedOnceAndKeepMarksMadeMeanwhile() {
        var desk = TimerDesk(policy: T.full)
        let made = IncidentTimer.ID(incidentID: 4, kind: .reminder, key: "1")
        let stored = IncidentTimer.ID(incidentID: 4, kind: .updateDue, key: "0")
        #expect(desk.knownFired(of: 4) == nil, "unknown until loaded: read the store")
        desk.firingQueued(made)
        desk.firedLoaded([stored], of: 4)
        #expect(desk.knownFired(of: 4) == [made, stored])
    }

    @Test func anAcknowledgementMakesAnArmedEscalationMoot() throws {
        let desk = TimerDesk(policy: T.escalationOnly)
        var incident = T.incident(.sev1)
        let escalation = try #require(Self.escalation(in: desk.plan(for: incident, pending: [], now: T.t0)))
        #expect(desk.isPlanned(escalation, for: incident, pending: [], now: T.t0))
        incident.acknowledgedAt = T.at(minutes: 1)
        incident.acknowledgedBy = incident.declaredBy
        #expect(!desk.isPlanned(escalation, for: incident, pending: [], now: T.at(minutes: 1)))
    }

    @Test func aReminderFiringIsPlannedEvenWhenNoLongerPending() {
        let desk = TimerDesk(policy: T.full)
        let reminder = Self.reminder("r1", minutes: 5)
        #expect(desk.isPlanned(reminder, for: T.incident(.sev1), pending: [], now: T.at(minutes: 5)))
        #expect(!desk.isPlanned(reminder, for: T.incident(.sev1, .closed), pending: [reminder], now: T.at(minutes: 5)))
    }

    @Test func thePlanAfterAFiringKeepsTheOtherRemindersAndDropsTheFiredOne() {
        let desk = TimerDesk(policy: T.full)
        let first = Self.reminder("r1", minutes: 5)
        let second = Self.reminder("r2", minutes: 9)
        let plan = desk.plan(after: first, firing: T.incident(.sev1), pending: [first, second], now: T.at(minutes: 5))
        #expect(plan.contains(second))
        #expect(!plan.contains(first))
    }

    @Test func remindAsksForATimerKeyedByItsTimeAndOtherCommandsForNone() {
        let at = T.at(minutes: 3)
        let timers = TimerDesk.reminder(for: .remind(after: .seconds(600), text: "rollback?"), in: T.incident(), at: at)
        #expect(timers == [IncidentTimer(
            incidentID: 4, kind: .reminder, key: "\(at.milliseconds)", due: T.at(minutes: 13), text: "rollback?")])
        #expect(TimerDesk.reminder(for: .ack, in: T.incident(), at: at).isEmpty)
    }

    @Test func aChattyLeadReplansAtMostEveryThirtySeconds() throws {
        let desk = TimerDesk(policy: T.full)
        let incident = T.incident(.sev2)
        let first = try #require(desk.leadSpoke(in: incident, at: T.at(minutes: 1)))
        #expect(first.leadLastSpokeAt == T.at(minutes: 1))
        #expect(desk.leadSpoke(in: first, at: T.at(minutes: 1, seconds: 29)) == nil)
        #expect(desk.leadSpoke(in: first, at: T.at(minutes: 1, seconds: 30))?.leadLastSpokeAt == T.at(minutes: 1, seconds: 30))
    }

    @Test func aSeverityWithoutTheQuietCommanderTimerNeverReplansForTheLead() {
        let desk = TimerDesk(policy: T.escalationOnly)
        #expect(desk.leadSpoke(in: T.incident(.sev1), at: T.at(minutes: 1)) == nil)
    }
}
