import Paging
import SitrepCore
import Testing

/// `ManualEscalation`: who `!escalate <target>` pages — who is on call for a schedule, a team member by member,
/// an account by account, anything else by nick — never the one escalating.
@Suite struct ManualEscalationTests {
    static let alice = ChatIdentity.account("alice")
    static let dave = ChatIdentity.account("dave")
    static let teams = ["dba": [dave, alice]]

    static func paged(_ target: String, onCall: [ChatIdentity]? = nil, network: String = "irc") -> [ChatIdentity] {
        ManualEscalation.pages(
            to: target, onCall: onCall, teams: teams, network: network, isAccountName: { $0.hasPrefix("@") },
            escalatedBy: alice, text: "INC-4 needs you").map(\.person)
    }

    @Test func aScheduleNameIsReadInAnyCase() {
        #expect(ManualEscalation.scheduleName("schedule:ops") == "ops")
        #expect(ManualEscalation.scheduleName("Schedule:Ops") == "Ops")
        #expect(ManualEscalation.scheduleName("ops") == nil)
    }

    @Test func whoIsOnCallIsPagedBeforeAnyTeamOrName() {
        #expect(Self.paged("dba", onCall: [.account("gina")]) == [.account("gina")])
    }

    @Test func aTeamIsPagedMemberByMemberWithoutTheOneEscalating() {
        #expect(Self.paged("DBA") == [Self.dave])
    }

    @Test func anAccountNameIsPagedAsThatAccountAndAnythingElseAsANick() {
        #expect(Self.paged("@erin:example.org", network: "matrix") == [.account("@erin:example.org", network: "matrix")])
        #expect(Self.paged("erin") == [.nick("erin", network: "irc")])
    }

    @Test func nobodyIsPagedWhenTheOnlyOneIsTheEscalator() {
        #expect(Self.paged("alice", onCall: [Self.alice]).isEmpty)
    }

    @Test func everyPageCarriesTheText() {
        let pages = ManualEscalation.pages(
            to: "dba", onCall: nil, teams: Self.teams, network: "irc", isAccountName: { _ in false },
            escalatedBy: .account("zoe"), text: "INC-4 needs you")
        #expect(pages == [Page(person: Self.dave, text: "INC-4 needs you"), Page(person: Self.alice, text: "INC-4 needs you")])
    }
}
