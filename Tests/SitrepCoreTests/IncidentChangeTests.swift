import SitrepCore
import Testing

/// `IncidentChange`: the coordinator's decision for a command that changes an incident, without a store or a
/// network: refused (denied or by the rules) with what to record and say, or the commit and everything after it.
@Suite struct IncidentChangeTests {
    typealias F = Fixtures
    typealias T = TimerFixtures

    static func decide(
        _ intent: IncidentIntent, on incident: Incident = F.incident(), rights: Rights = .commander,
        policy: TimerPolicy = TimerPolicy(), members: [Participant] = [], grantChatRights: Bool = false,
        replacingReplies: [String]? = nil
    ) -> IncidentChange {
        IncidentChange.decide(
            intent, on: incident, by: F.alice, rights: rights, at: F.at(seconds: 60),
            configuration: IncidentConfiguration(), timerPolicy: policy, members: members,
            grantChatRights: grantChatRights, replacingReplies: replacingReplies)
    }

    @Test func aCommandBeyondTheSendersRightsIsDeniedAndItsRefusalRecorded() {
        guard case .refuse(let entries, let replies, let denied) = Self.decide(.close, rights: .stakeholder) else {
            Issue.record("a stakeholder closed the incident"); return
        }
        #expect(denied)
        #expect(entries.map(\.kind) == [.refusal])
        #expect(replies.count == 1)
    }

    @Test func aCommandTheLifecycleForbidsIsRefusedNotDenied() {
        guard case .refuse(_, _, let denied) = Self.decide(.reopen("again"), on: F.incident(.investigating)) else {
            Issue.record("an open incident was reopened"); return
        }
        #expect(!denied)
    }

    @Test func aLeadChangeCommitsAndGivesRightsAndAnInvitationToSomeoneAbsent() throws {
        guard case .commit(let change) = Self.decide(.lead(nick: "bob"), members: [F.bob], grantChatRights: true) else {
            Issue.record("the lead change was refused"); return
        }
        #expect(change.incident.lead?.nick == "bob")
        #expect(change.grants == [.grantRights(person: F.bob, channel: "#inc-4")], "bob is in the channel: no invitation")
        #expect(change.topic == IncidentReducer.topic(for: change.incident))
        #expect(change.reminders.isEmpty)
    }

    @Test func remindCommitsWithItsTimerAndDoneTakesTheStoresReply() throws {
        guard case .commit(let remind) = Self.decide(.remind(after: .seconds(600), text: "check")) else {
            Issue.record("the reminder was refused"); return
        }
        #expect(remind.reminders.map(\.due) == [F.at(seconds: 660)])
        guard case .commit(let done) = Self.decide(.done(3), replacingReplies: ["follow-up 3 done: x"]) else {
            Issue.record("done was refused"); return
        }
        #expect(done.replies == ["follow-up 3 done: x"])
    }

    @Test func escalatingPastTheLastTierChangesNothingAndSaysWhy() {
        var incident = T.incident(.sev1)
        incident.escalationLevel = 9
        guard case .refuse(let entries, let replies, let denied) = Self.decide(
            .escalate(target: nil, reason: nil), on: incident, policy: T.escalationOnly)
        else { Issue.record("an escalation past the last tier was committed"); return }
        #expect(entries.isEmpty && !denied)
        #expect(replies == [TimerPlanner.escalationRefusal(for: incident, policy: T.escalationOnly)].compactMap { $0 })
        #expect(!replies.isEmpty)
    }

    @Test func anEscalationWithATierLeftMarksItsTime() {
        guard case .commit(let change) = Self.decide(
            .escalate(target: nil, reason: nil), on: T.incident(.sev1), policy: T.escalationOnly)
        else { Issue.record("the escalation was refused"); return }
        #expect(change.incident.lastEscalatedAt == F.at(seconds: 60))
    }
}
