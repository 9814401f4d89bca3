import Foundation
import SitrepCore
import Testing

@testable import SitrepApp

/// A config with an announce channel and `alerts:` made of `lines` (indented under it).
private func alerts(_ lines: String) -> String {
    minimalYAML + "incidents:\n  announce_channel: \"#incidents\"\nalerts:\n" + lines + "\n"
}

private let token = ["SITREP_ALERT_TOKEN": "t0ken"]

@Suite("Validating the alerts settings")
struct AlertConfigTests {
    @Test func aFullSectionLoads() throws {
        let yaml = alerts(
            """
              token_env: SITREP_ALERT_TOKEN
              hmac_secret_file: secrets/hmac
              max_body_bytes: 65536
              severity_label: priority
              severity_map: { P1: sev1, P2: 2 }
              max_lines: 3
              rules:
                - match: { priority: [P1, P2], team: db }
                  action: declare
                  severity: sev2
                - match: { priority: P5 }
                  action: ignore
                - action: post
            """
        )
        let config = try ConfigDirectory.with { directory in
            directory.write("secrets/hmac", "hmac-key\n")
            return try directory.load(yaml, environment: token)
        }
        let section = try #require(config.alerts)
        #expect(section.token == Secret("t0ken") && section.hmacSecret == Secret("hmac-key"))
        #expect(section.maxBodyBytes == 65_536)
        #expect(
            section.policy
                == AlertPolicy(
                    rules: [
                        AlertRule(
                            match: ["priority": ["P1", "P2"], "team": ["db"]],
                            action: .declare,
                            severity: .sev2
                        ),
                        AlertRule(match: ["priority": ["P5"]], action: .ignore),
                        AlertRule(action: .post),
                    ],
                    severityLabel: "priority",
                    severityMap: ["p1": .sev1, "p2": .sev2],
                    maxLines: 3
                )
        )
    }

    @Test func defaultsApplyAndWithoutTheSectionThereAreNoHooks() throws {
        let config = try ConfigDirectory.with {
            try $0.load(alerts("  token_env: SITREP_ALERT_TOKEN"), environment: token)
        }
        #expect(config.alerts == SitrepConfig.Alerts(token: Secret("t0ken")))
        #expect(config.alerts?.maxBodyBytes == 1_048_576)
        #expect(config.alerts?.policy == AlertPolicy())
        #expect(try ConfigDirectory.with { try $0.load(minimalYAML) }.alerts == nil)
    }

    static let rules: [RuleCase] = [
        .init(
            name: "a credential is required",
            yaml: alerts("  max_lines: 3"),
            expected:
                "alerts: set token_env or token_file (a bearer token) or hmac_secret_env or hmac_secret_file (signed "
                + "bodies); the hooks never accept unauthenticated alerts"
        ),
        .init(
            name: "the announce channel is required",
            yaml: minimalYAML + "alerts:\n  token_env: SITREP_ALERT_TOKEN\n",
            environment: token,
            expected: "alerts: needs incidents.announce_channel or matrix.announce_room: alerts are posted there"
        ),
        .init(
            name: "the token variable is set",
            yaml: alerts("  token_env: NOPE"),
            expected: "alerts.token_env: environment variable NOPE is not set"
        ),
        .init(
            name: "one place per secret",
            yaml: alerts("  hmac_secret_env: SITREP_ALERT_TOKEN\n  hmac_secret_file: x"),
            environment: token,
            expected: "alerts.hmac_secret_file: set only one of alerts.hmac_secret_env and alerts.hmac_secret_file"
        ),
        .init(
            name: "the token file exists",
            yaml: alerts("  token_file: missing-token"),
            expected: "alerts.token_file: cannot read $DIR/missing-token (no such file)"
        ),
        .init(
            name: "the body limit is at least 1 KiB",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  max_body_bytes: 10"),
            environment: token,
            expected: "alerts.max_body_bytes: must be between 1024 and 67108864, got 10"
        ),
        .init(
            name: "the body limit is a number",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  max_body_bytes: 1MiB"),
            environment: token,
            expected: #"alerts.max_body_bytes: expected an integer, got "1MiB""#
        ),
        .init(
            name: "lines per batch are 1 to 20",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  max_lines: 0"),
            environment: token,
            expected: "alerts.max_lines: must be between 1 and 20, got 0"
        ),
        .init(
            name: "the severity label is a label name",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  severity_label: \"my label\""),
            environment: token,
            expected:
                #"alerts.severity_label: must be a label name (letters, digits and '_', not starting with a digit), got "my label""#
        ),
        .init(
            name: "severity map values are severities",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  severity_map: { critical: sev0 }"),
            environment: token,
            expected: #"alerts.severity_map.critical: must be one of sev1, sev2, sev3, sev4 (or 1 to 4), got "sev0""#
        ),
        .init(
            name: "rules are a list",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  rules: { action: post }"),
            environment: token,
            expected: "alerts.rules: expected a list of rules"
        ),
        .init(
            name: "a rule is a mapping",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  rules: [declare]"),
            environment: token,
            expected: "alerts.rules[0]: expected a mapping with match and action"
        ),
        .init(
            name: "a rule has an action",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  rules: [{ match: { severity: critical } }]"),
            environment: token,
            expected: "alerts.rules[0].action: required but missing"
        ),
        .init(
            name: "actions are declare, post or ignore",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  rules: [{ action: page }]"),
            environment: token,
            expected: #"alerts.rules[0].action: must be one of declare, post, ignore, got "page""#
        ),
        .init(
            name: "a rule severity is a severity",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  rules: [{ action: declare, severity: high }]"),
            environment: token,
            expected: #"alerts.rules[0].severity: must be one of sev1, sev2, sev3, sev4 (or 1 to 4), got "high""#
        ),
        .init(
            name: "ignore takes no severity",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  rules: [{ action: ignore, severity: sev1 }]"),
            environment: token,
            expected: "alerts.rules[0].severity: is not used with action ignore; remove it"
        ),
        .init(
            name: "match names are label names",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  rules: [{ match: { 1team: db }, action: post }]"),
            environment: token,
            expected:
                #"alerts.rules[0].match.1team: must be a label name (letters, digits and '_', not starting with a digit), got "1team""#
        ),
        .init(
            name: "match values are strings",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  rules: [{ match: { team: { a: b } }, action: post }]"),
            environment: token,
            expected: "alerts.rules[0].match.team: expected a label value or a list of label values"
        ),
        .init(
            name: "misspelt rule key",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  rules: [{ matches: {}, action: post }]"),
            environment: token,
            expected: "alerts.rules[0].matches: unknown key; did you mean match?"
        ),
        .init(
            name: "misspelt alerts key",
            yaml: alerts("  token_env: SITREP_ALERT_TOKEN\n  max_line: 3"),
            environment: token,
            expected: "alerts.max_line: unknown key; did you mean max_lines?"
        ),
    ]

    @Test(arguments: rules)
    func ruleReportsItsKeyAndReason(_ rule: RuleCase) {
        ConfigDirectory.with { directory in
            let expected = rule.expected.replacingOccurrences(of: "$DIR", with: directory.path)
            #expect(directory.problems(rule.yaml, environment: rule.environment) == [expected])
        }
    }

    @Test func checkConfigSummarisesTheHooksWithoutTheirSecrets() {
        let report = ConfigDirectory.with { directory in
            let yaml = alerts("  token_env: SITREP_ALERT_TOKEN\n  rules: [{ action: post }]")
            return ConfigCheck.run(path: directory.write("sitrep.yaml", yaml), environment: token)
        }
        #expect(report.succeeded)
        #expect(report.output.last == "  alerts:   /hooks/alertmanager and /hooks/generic (bearer token); 1 rule")
        #expect(!report.output.joined().contains("t0ken"))
    }

    @Test func theSecretsNeverShowInTheConfigOrItsErrors() throws {
        let config = try ConfigDirectory.with {
            try $0.load(alerts("  token_env: SITREP_ALERT_TOKEN"), environment: token)
        }
        #expect(!"\(config)".contains("t0ken") && !String(reflecting: config).contains("t0ken"))
    }
}
