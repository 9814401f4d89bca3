import SitrepCore
import Testing

/// The coordinator's alert decisions as a pure machine: declarations in flight are its state, so a webhook call
/// and a `/declare from alert` that interleave never declare one alert twice; storm posts are held and released
/// on virtual time.
@Suite struct AlertDeskTests {
    typealias F = AlertFixtures
    typealias Desk = AlertDesk<ManualInstant>

    static let incident = Incident(
        id: 7, title: "db down", severity: .sev2, channel: ChatChannel(name: "#inc-7"),
        declaredBy: Participant(identity: .nick("alice", network: "irc"), nick: "alice"), declaredAt: F.start)

    func at(_ seconds: Double) -> ManualInstant { .zero.advanced(by: .seconds(seconds)) }

    @Test func aWebhookDeclaringAnAlertClaimsItUntilTheDeclarationEnds() {
        var desk = Desk(policy: F.policy)
        let critical = F.alert(1, severity: "critical")
        let triage = desk.alertsRecorded([F.recorded(critical, .opened)], isOpen: { _ in false })
        #expect(triage.declare == [critical])
        #expect(desk.declaring == [1])
        let repeated = desk.alertsRecorded([F.recorded(critical, .repeated)], isOpen: { _ in false })
        #expect(repeated.declare.isEmpty, "a second call while the first declares leaves the alert alone")
        desk.declarationEnded([1])
        #expect(desk.declaring.isEmpty)
        #expect(desk.alertsRecorded([F.recorded(critical, .repeated)], isOpen: { _ in false }).declare == [critical])
    }

    @Test func declareFromAnAlertAWebhookIsDeclaringIsRefused() {
        var desk = Desk(policy: F.policy)
        let critical = F.alert(1, severity: "critical")
        _ = desk.alertsRecorded([F.recorded(critical, .opened)], isOpen: { _ in false })
        let decision = desk.declareFromAlertRequested(
            1, alert: critical, severity: nil, title: nil, openIncident: { _ in nil })
        #expect(decision == .refuse(reply: "an incident is being declared from alert 1 right now"))
    }

    @Test func aWebhookLeavesAloneAnAlertAPersonIsDeclaringFrom() {
        var desk = Desk(policy: F.policy)
        let critical = F.alert(1, severity: "critical")
        let decision = desk.declareFromAlertRequested(
            1, alert: critical, severity: .sev4, title: "by hand", openIncident: { _ in nil })
        #expect(decision == .declare(critical, severity: .sev4, title: "by hand"))
        #expect(desk.alertsRecorded([F.recorded(critical, .repeated)], isOpen: { _ in false }).declare.isEmpty)
    }

    @Test func declareFromAlertTakesTheAlertsTitleAndTheSeverityItsRuleNames() {
        var desk = Desk(policy: F.policy)
        let critical = F.alert(3, "DiskFull", severity: "critical")
        let decision = desk.declareFromAlertRequested(3, alert: critical, severity: nil, title: nil, openIncident: { _ in nil })
        #expect(decision == .declare(critical, severity: .sev1, title: "DiskFull"), "the label critical names sev1")
    }

    @Test func declareFromAnUnknownAlertOrOneOfAnOpenIncidentIsRefusedWithWhy() {
        var desk = Desk(policy: F.policy)
        guard case .refuse(let unknown) = desk.declareFromAlertRequested(
            9, alert: nil, severity: nil, title: nil, openIncident: { _ in nil })
        else { Issue.record("an unknown alert was declared"); return }
        #expect(unknown.hasPrefix("no alert 9: alert numbers are in the alert announcements; usage: "))
        let attached = F.alert(2, severity: "critical", incident: 7)
        let decision = desk.declareFromAlertRequested(
            2, alert: attached, severity: nil, title: nil, openIncident: { $0 == 7 ? Self.incident : nil })
        #expect(decision == .refuse(reply: "alert 2 is already part of \(IncidentReducer.headline(Self.incident)); join #inc-7"))
        #expect(desk.declaring.isEmpty)
    }

    @Test func anAlertOfAClosedIncidentMayBeDeclaredAgain() {
        var desk = Desk(policy: F.policy)
        let old = F.alert(2, severity: "critical", incident: 3)
        let decision = desk.declareFromAlertRequested(2, alert: old, severity: nil, title: nil, openIncident: { _ in nil })
        #expect(decision == .declare(old, severity: .sev1, title: "HighErrorRate"))
    }

    @Test func notesAreGroupedByIncidentInIncidentOrder() {
        let desk = Desk(policy: F.policy)
        var triage = AlertTriage()
        triage.notes = [
            F.alert(1, status: .resolved, incident: 9), F.alert(2, incident: 4), F.alert(3, status: .resolved, incident: 9),
        ]
        let notes = desk.noteItems(triage)
        #expect(notes.map(\.incidentID) == [4, 9])
        #expect(notes.map { $0.alerts.map(\.id) } == [[2], [1, 3]])
    }

    @Test func postItemsHintAtFiringAlertsAndSayWhichIncidentAResolvedOneWasIn() {
        let desk = Desk(policy: F.policy)
        var triage = AlertTriage()
        triage.posts = [F.alert(1, severity: "warning"), F.alert(2, status: .resolved, incident: 5)]
        let kinds = desk.postItems(triage).map(\.kind)
        #expect(kinds == [.firing(hint: true), .resolved(incidentID: 5)])
    }

    @Test func aStormIsHeldAndReleasedWhenTheWindowEnds() {
        var desk = Desk(policy: AlertPolicy(rules: [], maxLines: 2), window: .seconds(30))
        let items = (1...8).map { desk.item(F.alert(Int64($0)), .firing(hint: true)) }
        #expect(desk.post(Array(items[0..<2]), to: "#ops", at: at(0))?.lines.count == 2)
        #expect(desk.post(Array(items[2...]), to: "#ops", at: at(1)) == nil)
        #expect(desk.deadline == at(30))
        #expect(desk.due(at: at(29)).isEmpty)
        let due = desk.due(at: at(30))
        #expect(due.map(\.channel) == ["#ops"])
        #expect(due.first?.lines.count == 3, "two alert lines and a summary")
        #expect(desk.deadline == nil)
    }
}
