import Foundation
import SitrepCore
import Testing

@testable import SitrepApp

extension RuleCase {
    /// `minimalYAML` with `escalation:` holding a team `dba` and the policy `default` with the tiers `tiers`
    /// (YAML flow lists), followed by `extra` top-level lines.
    static func tiers(_ name: String, _ tiers: String, extra: String = "", expected: String) -> RuleCase {
        .top(
            name,
            """
            escalation:
              teams: { dba: [dave] }
              policies: { default: { tiers: \(tiers) } }
            \(extra)
            """,
            expected: expected
        )
    }
}

@Suite("Escalation policies, teams and timers in the config")
struct EscalationConfigTests {
    @Test func absentSectionsMeanNoPagingAndNoTimers() throws {
        let config = try ConfigDirectory.with { try $0.load(minimalYAML) }
        #expect(config.escalation == SitrepConfig.Escalation())
        #expect(config.timers == SitrepConfig.Timers())
        #expect(config.timerPolicy == TimerPolicy())
        #expect(config.timerPolicy.escalation(for: .sev1) == nil)
        #expect(config.timerPolicy.timers(for: .sev1) == SeverityTimers())
    }

    static let fullYAML =
        minimalYAML + """
            people:
              commanders: [alice, "nick:zed", carol]
            incidents:
              roles: [commander, comms, scribe]
            escalation:
              teams:
                dba: [dave, "nick:erin"]
                web: ["account:frank"]
              policies:
                default:
                  repeat_last: 2
                  tiers:
                    - notify: [bob]
                      after: 5m
                    - notify: ["team:dba", alice]
                      after: 10m
                critical:
                  tiers:
                    - notify: ["nick:oncall", "team:web"]
                      after: 90s
              by_severity: { sev1: critical, sev2: critical }
            timers:
              warning_threshold: 0.75
              required_roles: [comms, scribe]
              sev1: { acknowledge: 5m, update_every: 15m, commander: 5m, roles: 10m, close_reminder: 24h, quiet_commander: 10m }
              sev2: { acknowledge: 15m, update_every: 30m, commander: 15m, close_reminder: 24h, quiet_commander: 20m }
              sev3: { update_every: 2h, close_reminder: 72h }
              sev4: {}
              sla:
                P1: { response: 15m, resolution: 4h }
                P2: { response: 30m, resolution: 8h }
                P3: { response: 4h, resolution: 3d }

            """

    @Test func fullConfigMapsOntoTheTimerPolicy() throws {
        let config = try ConfigDirectory.with { try $0.load(Self.fullYAML) }
        let defaultPolicy = EscalationPolicy(
            name: "default",
            tiers: [
                .init(notify: [.person(.account("bob"))], after: .seconds(300)),
                .init(notify: [.team("dba"), .person(.account("alice"))], after: .seconds(600)),
            ],
            repeatLast: 2
        )
        let critical = EscalationPolicy(
            name: "critical",
            tiers: [.init(notify: [.person(.nick("oncall")), .team("web")], after: .seconds(90))]
        )
        let expected = TimerPolicy(
            escalationBySeverity: [.sev1: critical, .sev2: critical],
            defaultEscalation: defaultPolicy,
            timersBySeverity: [
                .sev1: SeverityTimers(
                    acknowledgeDeadline: .seconds(300), updateEvery: .seconds(900), commanderDeadline: .seconds(300),
                    roleDeadline: .seconds(600), closeReminderAfter: .seconds(86_400), quietCommanderAfter: .seconds(600)
                ),
                .sev2: SeverityTimers(
                    acknowledgeDeadline: .seconds(900), updateEvery: .seconds(1800), commanderDeadline: .seconds(900),
                    closeReminderAfter: .seconds(86_400), quietCommanderAfter: .seconds(1200)
                ),
                .sev3: SeverityTimers(updateEvery: .seconds(7200), closeReminderAfter: .seconds(259_200)),
                .sev4: SeverityTimers(),
            ],
            slaByPriority: [
                .p1: SLATarget(response: .seconds(900), resolution: .seconds(14_400)),
                .p2: SLATarget(response: .seconds(1800), resolution: .seconds(28_800)),
                .p3: SLATarget(response: .seconds(14_400), resolution: .seconds(259_200)),
            ],
            warningThreshold: 0.75,
            teams: ["dba": [.account("dave")], "web": [.account("frank")]],
            commanders: [.account("alice"), .account("carol")],
            requiredRoles: ["comms", "scribe"]
        )
        #expect(config.timerPolicy == expected)
        #expect(config.timerPolicy.escalation(for: .sev3) == defaultPolicy)
        #expect(config.escalation.policyNameBySeverity == [.sev1: "critical", .sev2: "critical"])
        #expect(config.escalation.teams["dba"] == [.account("dave"), .nick("erin")])
    }

    @Test func nickTeamMembersAreIgnoredWithAWarningButNickPagesAreNot() throws {
        let config = try ConfigDirectory.with { try $0.load(Self.fullYAML) }
        #expect(
            config.warnings.map(\.description) == [
                #"people.commanders[1]: "nick:zed" is ignored because people.allow_nick_identities is false; list the services account instead"#,
                #"escalation.teams.dba[1]: "nick:erin" is ignored because people.allow_nick_identities is false; list the services account instead"#,
            ]
        )
        #expect(config.timerPolicy.escalation(for: .sev1)?.tiers.first?.notify.first == .person(.nick("oncall")))
    }

    @Test func allowedNickIdentitiesKeepNickTeamMembersAndCommanders() throws {
        let yaml = Self.fullYAML.replacingOccurrences(
            of: "people:\n",
            with: "people:\n  allow_nick_identities: true\n"
        )
        let policy = try ConfigDirectory.with { try $0.load(yaml) }.timerPolicy
        #expect(policy.teams["dba"] == [.account("dave"), .nick("erin")])
        #expect(policy.commanders == [.account("alice"), .nick("zed"), .account("carol")])
        #expect(policy.people(.team("dba")) == [.account("dave"), .nick("erin")])
    }

    @Test func timersAloneNeedNoEscalation() throws {
        let yaml = minimalYAML + "timers: { sev2: { update_every: 30m } }\n"
        let policy = try ConfigDirectory.with { try $0.load(yaml) }.timerPolicy
        #expect(policy == TimerPolicy(timersBySeverity: [.sev2: SeverityTimers(updateEvery: .seconds(1800))]))
    }

    @Test func checkConfigSummarisesEscalationAndTimers() {
        let report = ConfigDirectory.with { ConfigCheck.run(path: $0.write("sitrep.yaml", Self.fullYAML), environment: [:]) }
        #expect(report.succeeded)
        #expect(report.output.last == "  escalation: 2 policies, 2 teams; timers for sev1, sev2, sev3")
        let minimal = ConfigDirectory.with { ConfigCheck.run(path: $0.write("sitrep.yaml", minimalYAML), environment: [:]) }
        #expect(minimal.output.last == "  escalation: none; no timers")
    }

    static let escalationRules: [RuleCase] = [
        .tiers(
            "every after is positive",
            "[{ notify: [bob], after: 5m }, { notify: [alice], after: 0s }]",
            expected: "escalation.policies.default.tiers[1].after: must be positive"
        ),
        .tiers(
            "after is required",
            "[{ notify: [bob] }]",
            expected: "escalation.policies.default.tiers[0].after: required but missing"
        ),
        .tiers(
            "after is a duration",
            "[{ notify: [bob], after: soon }]",
            expected: #"escalation.policies.default.tiers[0].after: expected a duration like 500ms, 1s, 2m, 1h, 1d or a number of seconds, got "soon""#
        ),
        .tiers("tiers are not empty", "[]", expected: "escalation.policies.default.tiers: must list at least one tier"),
        .tiers(
            "a tier is a mapping",
            "[bob]",
            expected: "escalation.policies.default.tiers[0]: expected a mapping with notify and after"
        ),
        .tiers(
            "notify is required",
            "[{ after: 1m }]",
            expected: "escalation.policies.default.tiers[0].notify: required but missing"
        ),
        .tiers(
            "notify is not empty",
            "[{ notify: [], after: 1m }]",
            expected: "escalation.policies.default.tiers[0].notify: must list at least one person or team"
        ),
        .tiers(
            "misspelt tier key",
            "[{ notify: [bob], after: 1m, notfy: [carol] }]",
            expected: "escalation.policies.default.tiers[0].notfy: unknown key; did you mean notify?"
        ),
        .tiers(
            "a team reference names a team",
            #"[{ notify: ["team:DBA"], after: 1m }]"#,
            expected: #"escalation.policies.default.tiers[0].notify[0]: unknown team "DBA"; did you mean dba?"#
        ),
        .tiers(
            "an unknown team far from any other",
            #"[{ notify: [bob, "team:network"], after: 1m }]"#,
            expected: #"escalation.policies.default.tiers[0].notify[1]: unknown team "network"; expected one of dba"#
        ),
        .top(
            "a team reference without teams",
            #"escalation: { policies: { default: { tiers: [{ notify: ["team:dba"], after: 1m }] } } }"#,
            expected: #"escalation.policies.default.tiers[0].notify[0]: unknown team "dba"; define it under escalation.teams"#
        ),
        .tiers(
            "notify kinds are person kinds or team",
            #"[{ notify: ["group:dba"], after: 1m }]"#,
            expected: #"escalation.policies.default.tiers[0].notify[0]: unknown kind "group" in "group:dba"; write NAME, account:NAME or nick:NAME for a person, team:NAME for a team, schedule:NAME for who is on call"#
        ),
        .tiers(
            "notify nick entries are checked",
            #"[{ notify: ["nick:9lives"], after: 1m }]"#,
            expected: #"escalation.policies.default.tiers[0].notify[0]: nick must not start with a digit or '-', got "9lives""#
        ),
        .tiers(
            "notify entries are not empty",
            "[{ notify: [bob, null], after: 1m }]",
            expected: "escalation.policies.default.tiers[0].notify[1]: is empty; write NAME, account:NAME or nick:NAME for a person, team:NAME for a team, schedule:NAME for who is on call"
        ),
        .top(
            "tiers are required",
            "escalation: { policies: { default: { repeat_last: 1 } } }",
            expected: "escalation.policies.default.tiers: required but missing"
        ),
        .top(
            "repeat_last is at most 20",
            "escalation: { policies: { default: { repeat_last: 21, tiers: [{ notify: [bob], after: 1m }] } } }",
            expected: "escalation.policies.default.repeat_last: must be between 0 and 20, got 21"
        ),
        .top(
            "repeat_last is not negative",
            "escalation: { policies: { default: { repeat_last: -1, tiers: [{ notify: [bob], after: 1m }] } } }",
            expected: "escalation.policies.default.repeat_last: must be between 0 and 20, got -1"
        ),
        .top(
            "misspelt policy key",
            "escalation: { policies: { default: { repeat-last: 1, tiers: [{ notify: [bob], after: 1m }] } } }",
            expected: "escalation.policies.default.repeat-last: unknown key; did you mean repeat_last?"
        ),
        .top(
            "policy names are words",
            "escalation: { policies: { Default: { tiers: [{ notify: [bob], after: 1m }] } } }",
            expected: #"escalation.policies.Default: must be a lower-case word (a-z, digits, '-' or '_', starting with a letter), got "Default""#
        ),
        .top(
            "policies is a mapping",
            "escalation: { policies: [default] }",
            expected: "escalation.policies: expected a mapping of names to a mapping with tiers"
        ),
        .top(
            "a policy is a mapping",
            "escalation: { policies: { default: [bob] } }",
            expected: "escalation.policies.default: expected a mapping with tiers"
        ),
        .tiers(
            "by_severity names a policy",
            "[{ notify: [bob], after: 1m }]",
            extra: "  by_severity: { sev1: defualt }",
            expected: #"escalation.by_severity.sev1: unknown policy "defualt"; did you mean default?"#
        ),
        .top(
            "by_severity without policies",
            "escalation: { by_severity: { sev2: critical } }",
            expected: #"escalation.by_severity.sev2: unknown policy "critical"; define it under escalation.policies"#
        ),
        .tiers(
            "by_severity keys are spelt sev1 to sev4",
            "[{ notify: [bob], after: 1m }]",
            extra: "  by_severity: { SEV-1: default }",
            expected: "escalation.by_severity.SEV-1: unknown key; did you mean sev1?"
        ),
        .top(
            "a team has members",
            "escalation: { teams: { dba: [] } }",
            expected: "escalation.teams.dba: must list at least one member"
        ),
        .top(
            "team members are identity entries",
            "escalation: { teams: { dba: [\"da ve\"] } }",
            expected: #"escalation.teams.dba[0]: must not contain spaces or control characters, got "da ve""#
        ),
        .top(
            "a team is a list",
            "escalation: { teams: { dba: dave } }",
            expected: "escalation.teams.dba: expected a list of people"
        ),
        .top(
            "team names are words",
            "escalation: { teams: { DBA: [dave] } }",
            expected: #"escalation.teams.DBA: must be a lower-case word (a-z, digits, '-' or '_', starting with a letter), got "DBA""#
        ),
        .top(
            "misspelt escalation key",
            "escalation: { team: { dba: [dave] } }",
            expected: "escalation.team: unknown key; did you mean teams?"
        ),
    ]

    static let timerRules: [RuleCase] = [
        .top(
            "warning threshold is below 1",
            "timers: { warning_threshold: 1 }",
            expected: "timers.warning_threshold: must be between 0 and 1 (exclusive), e.g. 0.8, got 1.0"
        ),
        .top(
            "warning threshold is above 0",
            "timers: { warning_threshold: 0 }",
            expected: "timers.warning_threshold: must be between 0 and 1 (exclusive), e.g. 0.8, got 0.0"
        ),
        .top(
            "warning threshold is a number",
            "timers: { warning_threshold: most }",
            expected: #"timers.warning_threshold: expected a number, got "most""#
        ),
        .top(
            "required roles are incident roles",
            "timers: { required_roles: [comms, pr] }",
            expected: #"timers.required_roles[1]: "pr" is not one of incidents.roles (commander, comms, scribe, ops)"#
        ),
        .top(
            "required roles follow configured incident roles",
            "incidents: { roles: [lead, ops] }\ntimers: { required_roles: [comms] }",
            expected: #"timers.required_roles[0]: "comms" is not one of incidents.roles (lead, ops)"#
        ),
        .top(
            "severity durations are positive",
            "timers: { sev1: { acknowledge: 5m, update_every: 0 } }",
            expected: "timers.sev1.update_every: must be positive"
        ),
        .top(
            "severity durations are durations",
            "timers: { sev3: { close_reminder: never } }",
            expected: #"timers.sev3.close_reminder: expected a duration like 500ms, 1s, 2m, 1h, 1d or a number of seconds, got "never""#
        ),
        .top(
            "misspelt severity timer",
            "timers: { sev2: { update_every: 30m, quiet_comander: 20m } }",
            expected: "timers.sev2.quiet_comander: unknown key; did you mean quiet_commander?"
        ),
        .top(
            "severities are spelt sev1 to sev4",
            "timers: { SEV2: { update_every: 30m } }",
            expected: "timers.SEV2: unknown key; did you mean sev2?"
        ),
        .top(
            "priorities are spelt P1 to P5",
            "timers: { sla: { p1: { response: 15m, resolution: 4h } } }",
            expected: "timers.sla.p1: unknown key; did you mean P1?"
        ),
        .top(
            "an SLA target has a response",
            "timers: { sla: { P2: { resolution: 8h } } }",
            expected: "timers.sla.P2.response: required but missing"
        ),
        .top(
            "an SLA target has a resolution",
            "timers: { sla: { P2: { response: 8h } } }",
            expected: "timers.sla.P2.resolution: required but missing"
        ),
        .top(
            "SLA targets are positive",
            "timers: { sla: { P1: { response: 0s, resolution: 4h } } }",
            expected: "timers.sla.P1.response: must be positive"
        ),
        .top(
            "resolution is not before response",
            "timers: { sla: { P3: { response: 4h, resolution: 1h } } }",
            expected: "timers.sla.P3.resolution: must be at least the response target"
        ),
        .top(
            "misspelt timers key",
            "timers: { warning_treshold: 0.8 }",
            expected: "timers.warning_treshold: unknown key; did you mean warning_threshold?"
        ),
    ]

    @Test(arguments: escalationRules + timerRules)
    func ruleReportsItsKeyAndReason(_ rule: RuleCase) {
        let problems = ConfigDirectory.with { $0.problems(rule.yaml) }
        #expect(problems == [rule.expected])
    }

    @Test func everyEscalationAndTimerProblemIsReportedAtOnce() {
        let yaml =
            minimalYAML + """
                escalation:
                  policies:
                    default:
                      repeat_last: 30
                      tiers:
                        - { notify: ["team:dba"], after: 0s }
                  by_severity: { sev1: critical }
                timers:
                  warning_threshold: 2
                  sev1: { acknowledge: 0 }

                """
        let problems = ConfigDirectory.with { $0.problems(yaml) }
        #expect(
            problems == [
                "escalation.policies.default.repeat_last: must be between 0 and 20, got 30",
                "escalation.policies.default.tiers[0].after: must be positive",
                #"escalation.policies.default.tiers[0].notify[0]: unknown team "dba"; define it under escalation.teams"#,
                #"escalation.by_severity.sev1: unknown policy "critical"; expected one of default"#,
                "timers.warning_threshold: must be between 0 and 1 (exclusive), e.g. 0.8, got 2.0",
                "timers.sev1.acknowledge: must be positive",
            ]
        )
    }
}
