import SitrepCore
import Testing

@Suite struct AlertPolicyTests {
    typealias F = AlertFixtures

    @Test func rulesAreEvaluatedInOrderAndTheFirstMatchWins() {
        let policy = AlertPolicy(rules: [
            AlertRule(match: ["team": ["db"], "severity": ["critical"]], action: .ignore),
            AlertRule(match: ["severity": ["critical"]], action: .declare),
            AlertRule(match: [:], action: .ignore),
        ])
        #expect(policy.action(for: ["team": "db", "severity": "critical"]) == .ignore)
        #expect(policy.action(for: ["team": "web", "severity": "critical"]) == .declare)
        #expect(policy.rule(for: ["team": "web", "severity": "critical"])?.index == 1)
        #expect(policy.action(for: ["severity": "warning"]) == .ignore)
    }

    @Test func withoutAMatchingRuleAnAlertIsPosted() {
        #expect(F.policy.action(for: ["severity": "warning"]) == .post)
        #expect(AlertPolicy().action(for: [:]) == .post)
    }

    @Test func aMatcherAcceptsAnyOfItsValuesAndAnEmptyValueMeansTheLabelIsAbsent() {
        let rule = AlertRule(match: ["severity": ["critical", "page"], "silenced": [""]], action: .declare)
        #expect(rule.matches(["severity": "page"]))
        #expect(rule.matches(["severity": "critical", "other": "x"]))
        #expect(!rule.matches(["severity": "critical", "silenced": "yes"]))
        #expect(!rule.matches(["severity": "Critical"]))
        #expect(!rule.matches([:]))
        #expect(AlertRule(match: [:], action: .post).matches([:]))
    }

    @Test(arguments: [
        ("sev1", Severity.sev1), ("SEV-2", .sev2), ("3", .sev3), ("s4", .sev4), ("critical", .sev1),
        ("CRITICAL", .sev1), ("page", .sev1), ("error", .sev2), ("high", .sev2), ("warning", .sev3), ("warn", .sev3),
        ("info", .sev4), ("low", .sev4),
    ])
    func severityNamesAreRead(text: String, severity: Severity) {
        #expect(AlertSeverity.parse(text) == severity)
    }

    @Test(arguments: ["sev5", "0", "urgent", "", "p1"])
    func unknownSeverityNamesAreNil(text: String) {
        #expect(AlertSeverity.parse(text) == nil)
    }

    @Test func theSeverityLabelComesFirstThroughTheMapThenTheRuleFallback() {
        let policy = AlertPolicy(
            rules: [AlertRule(match: ["team": ["db"]], action: .declare, severity: .sev2)],
            severityLabel: "priority",
            severityMap: ["p1": .sev1, "warning": .sev2]
        )
        #expect(policy.severity(for: ["priority": "P1"]) == .sev1)
        #expect(policy.severity(for: ["priority": "warning"]) == .sev2)
        #expect(policy.severity(for: ["priority": "critical", "team": "db"]) == .sev1)
        #expect(policy.severity(for: ["priority": "whatever", "team": "db"]) == .sev2)
        #expect(policy.severity(for: ["severity": "critical", "team": "db"]) == .sev2)
        #expect(policy.severity(for: ["severity": "critical"]) == nil)
    }

    @Test func theTitleIsTheSummaryElseTheAlertName() {
        let notice = AlertNotice(
            source: "alertmanager",
            fingerprint: "abc",
            status: .firing,
            labels: ["alertname": "DiskFull"],
            annotations: ["summary": "Disk /var is 95% full"]
        )
        #expect(notice.title == "Disk /var is 95% full")
        var blank = notice
        blank.annotations["summary"] = " \r\n"
        #expect(blank.title == "DiskFull")
        blank.labels = [:]
        #expect(blank.title == "alert abc")
        #expect(F.alert(3, "Foo", summary: "Bar").name == "Foo")
    }
}
