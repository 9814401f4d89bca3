import Testing

@testable import SitrepApp

@Suite("Config durations")
struct ConfigDurationTests {
    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)),
        ("1s", .seconds(1)),
        ("2m", .seconds(120)),
        ("1h", .seconds(3600)),
        ("1d", .seconds(86_400)),
        ("30", .seconds(30)),
        ("0", .zero),
        ("1.5", .milliseconds(1500)),
        ("1.5m", .seconds(90)),
        ("0.25s", .milliseconds(250)),
        (" 2s ", .seconds(2)),
    ])
    func acceptedFormParses(_ text: String, _ expected: Duration) {
        #expect(ConfigDuration.parse(text) == expected)
    }

    @Test(arguments: [
        "", "s", "ms", "1x", "1sec", "-1s", "1.2.3s", "1.s", ".5s", "1e3", "1s2", "99999999999999999999d", "2562048h",
    ])
    func otherTextIsRejected(_ text: String) {
        #expect(ConfigDuration.parse(text) == nil)
    }

    @Test func configDurationsAcceptUnitsAndBareSeconds() throws {
        let yaml =
            minimalYAML
            + "  reconnect: { initial_delay: 250ms, max_delay: 1h }\n  keepalive: { interval: 45, timeout: 2m }\n"
        let config = try ConfigDirectory.with { try $0.load(yaml) }
        #expect(
            config.irc?.reconnect == SitrepConfig.Reconnect(initialDelay: .milliseconds(250), maxDelay: .seconds(3600))
        )
        #expect(config.irc?.keepalive == SitrepConfig.Keepalive(interval: .seconds(45), timeout: .seconds(120)))
    }
}
