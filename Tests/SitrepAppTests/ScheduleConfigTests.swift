import Foundation
import OnCall
import SitrepCore
import Testing

@testable import SitrepApp

/// `minimalYAML` with one schedule `ops` whose single layer has the fields `layer` (YAML flow mapping body).
private func schedule(_ name: String, layer: String, zone: String = "Europe/Berlin", expected: String) -> RuleCase {
    RuleCase(
        name: name,
        yaml: minimalYAML + "schedules:\n  ops:\n    time_zone: \(zone)\n    layers:\n      - { \(layer) }\n",
        expected: expected)
}

private let good = "people: [alice, bob], every: 1w, handoff: \"09:00\", start: \"2026-12-07\""

@Suite("On-call schedules in the config")
struct ScheduleConfigTests {
    static let yaml =
        minimalYAML + """
            schedules:
              ops:
                time_zone: Europe/Berlin
                public_feed: true
                layers:
                  - name: weekly
                    people: [alice, bob, "nick:carol_"]
                    every: 1w
                    handoff: "09:00"
                    start: "2026-12-07"
                  - name: business-hours
                    people: ["@dave:example.org"]
                    every: 1d
                    start: 2026-12-07
                    restrictions:
                      - { days: [mon, tue, wed, thu, fri], from: "09:00", until: "17:00" }
              dba:
                time_zone: UTC
                layers:
                  - { people: [erin], every: 12h, handoff: "08:00", start: "2026-01-01" }
            escalation:
              policies:
                default:
                  tiers:
                    - { notify: ["schedule:ops"], after: 5m }
                    - { notify: ["schedule:dba", frank], after: 10m }
            """

    @Test func schedulesAreReadWithTheirLayersAndRestrictions() throws {
        let config = try ConfigDirectory.with { try $0.load(Self.yaml) }
        #expect(config.schedules.names == ["dba", "ops"])
        #expect(config.schedules.publicFeeds == ["ops"])
        let ops = try #require(config.schedules.byName["ops"])
        #expect(ops.zone.identifier == "Europe/Berlin")
        #expect(ops.layers.map(\.name) == ["weekly", "business-hours"])
        #expect(ops.layers[0].people == [.account("alice"), .account("bob"), .nick("carol_")])
        #expect(ops.layers[0].interval == HandoffInterval(count: 1, unit: .weeks))
        #expect(ops.layers[1].people == [.account("@dave:example.org", network: ConfigDefaults.matrixNetwork)])
        #expect(ops.layers[1].restrictions.first?.days.count == 5)
        // Monday 2026-12-07 10:00 in Berlin (09:00Z): business hours; 18:00 (17:00Z): the weekly layer.
        #expect(ops.onCall(at: Timestamp(milliseconds: 1_796_634_000_000)).person?.name == "@dave:example.org")
        #expect(ops.onCall(at: Timestamp(milliseconds: 1_796_662_800_000)).person == .account("alice"))
        let dba = try #require(config.schedules.byName["dba"])
        #expect(dba.layers[0].start == WallClock(date: LocalDate("2026-01-01")!, time: TimeOfDay("08:00")!))
        let tiers = try #require(config.escalation.policies["default"]).tiers
        #expect(tiers.map(\.notify) == [[.schedule("ops")], [.schedule("dba"), .person(.account("frank"))]])
    }

    @Test func checkConfigSummarisesTheSchedules() throws {
        let config = try ConfigDirectory.with { try $0.load(Self.yaml) }
        #expect(ConfigCheck.summary(of: config).last == "  schedules: dba (UTC, 1 layer, no feed (web off)), ops (Europe/Berlin, 2 layers, no feed (web off))")
        let withWeb = try ConfigDirectory.with {
            try $0.load(Self.yaml + "\nweb:\n  oncall_token_env: FEED\n", environment: ["FEED": "0123456789abcdef0123"])
        }
        #expect(ConfigCheck.summary(of: withWeb).last == "  schedules: dba (UTC, 1 layer, feed with token), ops (Europe/Berlin, 2 layers, feed public)")
        #expect(!ConfigCheck.summary(of: withWeb).joined().contains("0123456789abcdef0123"))
    }

    @Test func theFeedTokenMustSurviveAURL() {
        let problems = ConfigDirectory.with {
            $0.problems(Self.yaml + "\nweb:\n  oncall_token_env: FEED\n", environment: ["FEED": "0123456789abcdef&x=1"])
        }
        #expect(problems == ["web.oncall_token_env: the token goes into feed URLs: use only letters, digits and - . _ ~ (e.g. from openssl rand -hex 32)"])
    }

    @Test func scheduleTargetsPageWhoIsOnCallWhenResolved() throws {
        let config = try ConfigDirectory.with { try $0.load(Self.yaml) }
        var policy = config.timerPolicy
        #expect(policy.people(.schedule("ops")) == [])
        policy.onCall["ops"] = [.account("bob")]
        #expect(policy.people(.schedule("ops")) == [.account("bob")])
    }

    static let rules: [RuleCase] = [
        schedule("unknown zone", layer: good, zone: "Europe/Berlín", expected: "schedules.ops.time_zone: unknown time zone \"Europe/Berlín\"; write an IANA name like Europe/Berlin or UTC"),
        schedule("bad handoff time", layer: "people: [alice], every: 1d, handoff: \"25:00\", start: \"2026-12-07\"", expected: "schedules.ops.layers[0].handoff: expected a time of day HH:MM like 09:00, got \"25:00\""),
        schedule("bad interval", layer: "people: [alice], every: 1m, start: \"2026-12-07\"", expected: "schedules.ops.layers[0].every: expected a number of hours, days or weeks like 12h, 1d or 1w, got \"1m\""),
        schedule("missing start", layer: "people: [alice], every: 1d", expected: "schedules.ops.layers[0].start: required but missing"),
        schedule("bad start", layer: "people: [alice], every: 1d, start: \"2026-02-30\"", expected: "schedules.ops.layers[0].start: expected a date YYYY-MM-DD like 2026-01-05, got \"2026-02-30\""),
        schedule("bad person", layer: "people: [alice, \"pager:bob\"], every: 1d, start: \"2026-12-07\"", expected: "schedules.ops.layers[0].people[1]: unknown kind \"pager\" in \"pager:bob\"; write NAME or account:NAME for a services account, nick:NAME for a nick, @NAME:SERVER for a Matrix user"),
        schedule("no people", layer: "people: [], every: 1d, start: \"2026-12-07\"", expected: "schedules.ops.layers[0].people: must list at least one person"),
        schedule("bad weekday", layer: good + ", restrictions: [{ days: [mon, fry], from: \"09:00\", until: \"17:00\" }]", expected: "schedules.ops.layers[0].restrictions[0].days[1]: expected a weekday like mon or monday, got \"fry\""),
        schedule("restriction without until", layer: good + ", restrictions: [{ from: \"09:00\" }]", expected: "schedules.ops.layers[0].restrictions[0].until: required but missing"),
        schedule("unknown layer key", layer: good + ", handof: \"09:00\"", expected: "schedules.ops.layers[0].handof: unknown key; did you mean handoff?"),
        RuleCase(name: "no layers", yaml: minimalYAML + "schedules:\n  ops: { time_zone: UTC, layers: [] }\n", expected: "schedules.ops.layers: must list at least one layer"),
        RuleCase(name: "bad schedule name", yaml: minimalYAML + "schedules:\n  Ops: { time_zone: UTC, layers: [{ \(good) }] }\n", expected: "schedules.Ops: must be a lower-case word (a-z, digits, '-' or '_', starting with a letter), got \"Ops\""),
        RuleCase(
            name: "unknown schedule in a tier",
            yaml: minimalYAML + "schedules:\n  ops: { time_zone: UTC, layers: [{ \(good) }] }\n"
                + "escalation:\n  policies: { default: { tiers: [{ notify: [\"schedule:opz\"], after: 5m }] } }\n",
            expected: "escalation.policies.default.tiers[0].notify[0]: unknown schedule \"opz\"; did you mean ops?"),
        RuleCase(
            name: "schedule in a tier without schedules",
            yaml: minimalYAML + "escalation:\n  policies: { default: { tiers: [{ notify: [\"schedule:ops\"], after: 5m }] } }\n",
            expected: "escalation.policies.default.tiers[0].notify[0]: unknown schedule \"ops\"; define it under schedules"),
    ]

    @Test(arguments: rules)
    func ruleReportsItsKeyAndReason(_ rule: RuleCase) {
        ConfigDirectory.with { directory in
            #expect(directory.problems(rule.yaml, environment: rule.environment) == [rule.expected])
        }
    }
}
