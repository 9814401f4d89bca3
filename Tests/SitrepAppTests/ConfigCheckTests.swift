import Testing

@testable import SitrepApp

@Suite("sitrep check-config")
struct ConfigCheckTests {
    @Test func validConfigPrintsOKAndASummary() {
        let report = ConfigDirectory.with { directory in
            let path = directory.write(
                "sitrep.yaml",
                minimalYAML + "  channels: [\"#ops\", \"#incidents\"]\n"
                    + "  sasl: { mechanism: plain, account: bot, password_env: PW }\n"
            )
            return (path, ConfigCheck.run(path: path, environment: ["PW": "s3cr3t"]))
        }
        #expect(report.1.succeeded)
        #expect(report.1.errors == [])
        #expect(
            report.1.output == [
                "config OK: \(report.0)",
                "  server:   irc.example.org:6697 (TLS)",
                "  nick:     sitrep (alternates: sitrep_, sitrep1, sitrep2)",
                "  channels: #ops, #incidents",
                "  sasl:     plain as bot (required)",
                "  logging:  info",
                "  store:    \(report.0.dropLast("sitrep.yaml".count))sitrep.sqlite",
                "  announce: (none)",
                "  people:   0 commanders, 0 responders",
                "  web:      off",
                "  escalation: none; no timers",
            ]
        )
    }

    @Test func weakSecurityIsWarnedAboutButStillOK() {
        let report = ConfigDirectory.with { directory in
            let path = directory.write(
                "sitrep.yaml",
                minimalYAML
                    + "  tls: { enabled: false }\n  sasl: { mechanism: plain, account: bot, password_env: PW }\n"
            )
            return ConfigCheck.run(path: path, environment: ["PW": "s3cr3t"])
        }
        #expect(report.succeeded)
        #expect(report.output.contains("  server:   irc.example.org:6667 (plaintext)"))
        #expect(
            report.errors == [
                "warning: irc.tls.enabled: false; the connection to the server is plaintext, including the SASL password"
            ]
        )
    }

    @Test func invalidConfigPrintsEveryProblemAndFails() {
        let report = ConfigDirectory.with { directory in
            ConfigCheck.run(path: directory.write("sitrep.yaml", "irc:\n  port: 70000\n"), environment: [:])
        }
        #expect(!report.succeeded)
        #expect(report.output == [])
        #expect(
            report.errors == [
                "irc.host: required but missing",
                "irc.nick: required but missing",
                "irc.port: must be between 1 and 65535, got 70000",
            ]
        )
    }

    @Test func summaryNamesTheStoreTheAnnounceChannelAndThePeople() {
        let report = ConfigDirectory.with { directory in
            let path = directory.write(
                "etc/sitrep.yaml",
                minimalYAML + """
                    store: { sqlite: { path: ../var/incidents.sqlite } }
                    incidents: { announce_channel: "#incidents" }
                    people: { commanders: [alice, "nick:bob"], responders: [carol] }

                    """
            )
            return (directory.path, ConfigCheck.run(path: path, environment: [:]))
        }
        #expect(report.1.succeeded)
        #expect(
            report.1.output.suffix(5) == [
                "  store:    \(report.0)/var/incidents.sqlite",
                "  announce: #incidents",
                "  people:   2 commanders, 1 responder (1 nick entry ignored)",
                "  web:      off",
                "  escalation: none; no timers",
            ]
        )
        #expect(report.1.errors.count == 1)
    }
}
