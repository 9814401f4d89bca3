import SitrepCore
import Testing

@Suite struct AlertTriageTests {
    typealias F = AlertFixtures

    static func plan(_ recordings: [AlertRecording], open: Set<Int64> = [], busy: Set<Int64> = []) -> AlertTriage {
        AlertTriage.plan(recordings, policy: F.policy, isOpen: { open.contains($0) }, busy: busy)
    }

    @Test func aNewCriticalAlertIsDeclaredAWarningPostedAndAnInfoIgnored() {
        let critical = F.alert(1, severity: "critical")
        let warning = F.alert(2, severity: "warning")
        let info = F.alert(3, severity: "info")
        let triage = Self.plan([F.recorded(critical, .opened), F.recorded(warning, .opened), F.recorded(info, .opened)])
        #expect(triage.declare == [critical])
        #expect(triage.severity == .sev1)
        #expect(triage.posts == [warning])
        #expect(triage.ignored == [info])
        #expect(triage.attach.isEmpty && triage.notes.isEmpty && triage.attachTo == nil)
    }

    @Test func severalCriticalAlertsOpenOneIncidentAtTheWorstSeverity() {
        let alerts = [
            F.alert(1, severity: "page", labels: ["team": "db"]), F.alert(2, severity: "critical"),
            F.alert(3, severity: "critical"),
        ]
        let triage = AlertTriage.plan(
            alerts.map { F.recorded($0, .opened) },
            policy: AlertPolicy(
                rules: [AlertRule(match: ["severity": ["critical", "page"]], action: .declare)],
                severityMap: ["page": .sev2, "critical": .sev3]
            ),
            isOpen: { _ in false }
        )
        #expect(triage.declare.map(\.id) == [1, 2, 3])
        #expect(triage.severity == .sev2)
        #expect(AlertTriage.incidentTitle(for: triage.declare) == "HighErrorRate (+2 more alerts)")
        #expect(AlertTriage.incidentTitle(for: [alerts[0]]) == "HighErrorRate")
    }

    @Test func repeatsOfAFiringAlertSayNothingAgain() {
        let warning = F.alert(2, severity: "warning")
        let linked = F.alert(1, severity: "critical", incident: 4)
        let triage = Self.plan([F.recorded(warning, .repeated), F.recorded(linked, .repeated)], open: [4])
        var expected = AlertTriage()
        expected.attachTo = 4
        #expect(triage == expected)
    }

    @Test func aRepeatedCriticalAlertWithoutIncidentIsDeclaredButNotOneWhoseIncidentWasClosed() {
        let unlinked = F.alert(1, severity: "critical")
        let closedIncident = F.alert(2, severity: "critical", incident: 9)
        let triage = Self.plan([F.recorded(unlinked, .repeated), F.recorded(closedIncident, .repeated)])
        #expect(triage.declare == [unlinked])
        #expect(triage.posts.isEmpty)
    }

    @Test func aNewAlertOfAGroupJoinsTheOpenIncidentOfItsGroup() {
        let old = F.alert(1, severity: "critical", incident: 4)
        let new = F.alert(2, severity: "critical")
        let triage = Self.plan([F.recorded(old, .repeated), F.recorded(new, .opened)], open: [4])
        #expect(triage.declare.isEmpty)
        #expect(triage.attach == [new] && triage.attachTo == 4)
        #expect(triage.severity == nil)
    }

    @Test func anAlertOfAnOpenIncidentThatResolvesOrFiresAgainIsNotedNotDeclared() {
        let resolved = F.alert(1, severity: "critical", status: .resolved, incident: 4)
        let again = F.alert(2, severity: "critical", incident: 4)
        let triage = Self.plan([F.recorded(resolved, .resolved), F.recorded(again, .refired)], open: [4])
        #expect(triage.notes == [resolved, again])
        #expect(triage.posts == [resolved])
        #expect(triage.declare.isEmpty && triage.attach.isEmpty)
    }

    @Test func resolvedAlertsArePostedUnlessIgnoredAndResolvedAgainIsSilent() {
        let warning = F.alert(1, severity: "warning", status: .resolved)
        let info = F.alert(2, severity: "info", status: .resolved)
        let twice = F.alert(3, severity: "warning", status: .resolved)
        let triage = Self.plan([
            F.recorded(warning, .resolved), F.recorded(info, .resolved), F.recorded(twice, .resolvedAgain),
        ])
        #expect(triage.posts == [warning])
        #expect(triage.ignored == [info])
        #expect(triage.notes.isEmpty)
    }

    @Test func anAlertBeingDeclaredElsewhereIsLeftAlone() {
        let critical = F.alert(1, severity: "critical")
        #expect(Self.plan([F.recorded(critical, .repeated)], busy: [1]) == AlertTriage())
        #expect(Self.plan([F.recorded(critical, .opened)], busy: [1]) == AlertTriage())
    }

    @Test func theSummaryCountsWhatTheRecordingsDid() {
        let recordings = [
            F.recorded(F.alert(1, severity: "critical"), .opened), F.recorded(F.alert(2), .repeated),
            F.recorded(F.alert(3, status: .resolved), .resolved), F.recorded(F.alert(4, severity: "info"), .refired),
            F.recorded(F.alert(5, status: .resolved), .resolvedAgain),
        ]
        let triage = Self.plan(recordings)
        let summary = AlertIntakeSummary(received: 6, recordings: recordings, triage: triage)
        #expect(
            summary
                == AlertIntakeSummary(
                    received: 6,
                    alerts: [1, 2, 3, 4, 5],
                    new: 2,
                    repeated: 1,
                    resolved: 1,
                    ignored: 1
                )
        )
    }
}
