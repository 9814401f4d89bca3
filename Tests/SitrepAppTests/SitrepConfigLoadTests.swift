import Foundation
import Logging
import SitrepCore
import Testing

@testable import SitrepApp

@Suite("Loading a config file")
struct SitrepConfigLoadTests {
    @Test func minimalConfigGetsEveryDefault() throws {
        let (directory, config) = try ConfigDirectory.with { ($0.path, try $0.load(minimalYAML)) }
        let expected = SitrepConfig(
            irc: SitrepConfig.IRC(host: "irc.example.org", nick: "sitrep"),
            store: SitrepConfig.Store(sqlitePath: directory + "/sitrep.sqlite")
        )
        #expect(config == expected)
        #expect(config.irc?.port == 6697)
        #expect(config.irc?.tls == SitrepConfig.TLS(enabled: true, caFile: nil, insecure: false))
        #expect(config.irc?.alternateNicks == ["sitrep_", "sitrep1", "sitrep2"])
        #expect(config.irc?.username == "sitrep")
        #expect(config.irc?.realname == "sitrep incident bot")
        #expect(config.irc?.sasl == SitrepConfig.SASL(mechanism: .none, required: true))
        #expect(config.irc?.channels == [])
        #expect(config.irc?.pacing == SitrepConfig.Pacing(burst: 5, linesPerSecond: 1.0))
        #expect(config.irc?.reconnect == SitrepConfig.Reconnect(initialDelay: .seconds(1), maxDelay: .seconds(60)))
        #expect(config.irc?.keepalive == SitrepConfig.Keepalive(interval: .seconds(60), timeout: .seconds(120)))
        #expect(config.irc?.quitMessage == "sitrep shutting down")
        #expect(config.logging.level == .info)
        #expect(config.store.sqlitePath == directory + "/sitrep.sqlite")
        #expect(config.incidents.announceChannel == nil)
        #expect(config.incidentConfiguration == IncidentConfiguration())
        #expect(config.people == SitrepConfig.People(commanders: [], responders: [], allowNickIdentities: false))
        #expect(config.permissions == Permissions())
        #expect(config.warnings == [])
    }

    @Test func storeDefaultInitialiserGivesAnAbsolutePath() {
        #expect(SitrepConfig.Store().sqlitePath == FileManager.default.currentDirectoryPath + "/sitrep.sqlite")
        #expect(
            SitrepConfig.Store(sqlitePath: "/var/lib/sitrep/sitrep.sqlite").sqlitePath
                == "/var/lib/sitrep/sitrep.sqlite"
        )
    }

    @Test func incidentSettingsParseEveryKey() throws {
        try ConfigDirectory.with { directory in
            let config = try directory.load(
                minimalYAML + """
                    store:
                      sqlite:
                        path: state/db/incidents.sqlite
                    incidents:
                      channel_prefix: "&sev-"
                      announce_channel: "#Incidents"
                      default_severity: 1
                      roles: [lead, comms, on-call, db_expert]
                      priority_matrix:
                        - [P1, P1, P2]
                        - [p2, P3, P4]
                        - [P4, P5, P5]
                    people:
                      commanders: [alice, "account:Bob"]
                      responders: [carol]
                      allow_nick_identities: false

                    """
            )
            #expect(config.store.sqlitePath == directory.path + "/state/db/incidents.sqlite")
            let matrix = try PriorityMatrix([[.p1, .p1, .p2], [.p2, .p3, .p4], [.p4, .p5, .p5]])
            #expect(
                config.incidents
                    == SitrepConfig.Incidents(
                        channelPrefix: "&sev-",
                        announceChannel: "#Incidents",
                        defaultSeverity: .sev1,
                        roles: ["lead", "comms", "on-call", "db_expert"],
                        priorityMatrix: matrix
                    )
            )
            #expect(config.incidentConfiguration.channel(for: 7) == ChatChannel(network: "irc", name: "&sev-7"))
            #expect(config.incidentConfiguration.priorityMatrix.priority(impact: .low, urgency: .high) == .p4)
            #expect(
                config.permissions
                    == Permissions(commanders: [.account("alice"), .account("Bob")], responders: [.account("carol")])
            )
            #expect(config.warnings == [])
        }
    }

    @Test(arguments: ["sev2", "SEV2", "2", "sev-2"])
    func defaultSeverityAcceptsItsSpellings(_ text: String) throws {
        let config = try ConfigDirectory.with {
            try $0.load(minimalYAML + "incidents: { default_severity: \(text) }\n")
        }
        #expect(config.incidents.defaultSeverity == .sev2)
    }

    @Test func explicitNullAnnounceChannelMeansNone() throws {
        let config = try ConfigDirectory.with { try $0.load(minimalYAML + "incidents: { announce_channel: null }\n") }
        #expect(config.incidents.announceChannel == nil)
    }

    @Test(.enabled(if: getuid() != 0, "root may write anywhere"))
    func unwritableDatabaseDirectoryIsReported() throws {
        ConfigDirectory.with { directory in
            directory.write("locked/keep", "")
            let locked = directory.path + "/locked"
            try! FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: locked)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked) }
            #expect(
                directory.problems(minimalYAML + "store: { sqlite: { path: locked/db.sqlite } }\n")
                    == ["store.sqlite.path: directory \(locked) is not writable"]
            )
            #expect(
                directory.problems(minimalYAML + "store: { sqlite: { path: locked/new/db.sqlite } }\n")
                    == ["store.sqlite.path: cannot create \(locked)/new: \(locked) is not writable"]
            )
        }
    }

    @Test func portDefaultsTo6667WithoutTLS() throws {
        let config = try ConfigDirectory.with { try $0.load(minimalYAML + "  tls: { enabled: false }\n") }
        #expect(config.irc?.port == 6667)
        #expect(config.irc?.tls.enabled == false)
        #expect(config.warnings.map(\.keyPath) == ["irc.tls.enabled"])
    }

    @Test func alternateNicksDefaultStaysWithinNickLength() {
        let nick = String(repeating: "a", count: 30)
        #expect(ConfigDefaults.alternateNicks(for: nick).allSatisfy { $0.count == 30 })
    }

    @Test func fullConfigParsesEveryKey() throws {
        try ConfigDirectory.with { directory in
            directory.write("tls/ca.pem", fakeCertificatePEM)
            directory.write("tls/bot.pem", fakeCertificatePEM)
            directory.write("tls/bot.key", fakeKeyPEM)
            let config = try directory.load(
                """
                irc:
                  host: irc.example.net
                  port: 7000
                  tls:
                    enabled: true
                    ca_file: tls/ca.pem
                    client_certificate: tls/bot.pem
                    client_key: tls/bot.key
                    insecure: false
                  nick: "Bot[1]"
                  alternate_nicks: [Bot_, "Bot|away"]
                  username: ident
                  realname: "Incident Bot"
                  sasl: { mechanism: external, required: false }
                  channels: ["#ops", "&local", "+modeless", "!12345ops"]
                  pacing: { burst: 3, lines_per_second: 0.5 }
                  reconnect: { initial_delay: 500ms, max_delay: 5m }
                  keepalive: { interval: 30, timeout: 1.5m }
                  quit_message: ""
                logging:
                  level: DEBUG

                """
            )
            let expected = SitrepConfig(
                irc: SitrepConfig.IRC(
                    host: "irc.example.net",
                    port: 7000,
                    tls: SitrepConfig.TLS(
                        caFile: directory.path + "/tls/ca.pem",
                        clientCertificate: directory.path + "/tls/bot.pem",
                        clientKey: directory.path + "/tls/bot.key"
                    ),
                    nick: "Bot[1]",
                    alternateNicks: ["Bot_", "Bot|away"],
                    username: "ident",
                    realname: "Incident Bot",
                    sasl: SitrepConfig.SASL(mechanism: .external, required: false),
                    channels: ["#ops", "&local", "+modeless", "!12345ops"],
                    pacing: SitrepConfig.Pacing(burst: 3, linesPerSecond: 0.5),
                    reconnect: SitrepConfig.Reconnect(initialDelay: .milliseconds(500), maxDelay: .seconds(300)),
                    keepalive: SitrepConfig.Keepalive(interval: .seconds(30), timeout: .seconds(90)),
                    quitMessage: ""
                ),
                logging: SitrepConfig.Logging(level: .debug),
                store: SitrepConfig.Store(sqlitePath: directory.path + "/sitrep.sqlite")
            )
            #expect(config == expected)
        }
    }

    @Test func exampleConfigInDeployLoadsWhenItsPasswordVariableIsSet() throws {
        // Loaded from a copy, so the database directory (next to the file) is writable even in a read-only checkout.
        let yaml = try String(contentsOfFile: repositoryRoot + "/deploy/sitrep.example.yaml", encoding: .utf8)
        let (directory, config) = try ConfigDirectory.with { directory in
            let environment = [
                "SITREP_SASL_PASSWORD": "example-password", "SITREP_ALERT_TOKEN": "example-token",
                "SITREP_WEB_TOKEN": "example-web-token-0123", "SITREP_SMTP_PASSWORD": "example-smtp-password",
            ]
            return (directory.path, try directory.load(yaml, environment: environment))
        }
        #expect(config.irc?.host == "irc.example.org")
        #expect(config.irc?.channels == ["#ops", "#incidents"])
        #expect(config.irc?.sasl.mechanism == .plain(account: "sitrep", password: Secret("example-password")))
        #expect(config.store.sqlitePath == directory + "/sitrep.sqlite")
        #expect(config.incidents.announceChannel == "#incidents")
        #expect(config.incidentConfiguration == IncidentConfiguration())
        #expect(config.incidents.grantChatRights == false)
        #expect(config.people.allowNickIdentities == false)
        #expect(config.permissions.commanders == [.account("alice")])
        #expect(config.permissions.responders == [.account("bob"), .account("carol")])
        #expect(config.warnings == [])
        let policy = config.timerPolicy
        #expect(policy.defaultEscalation?.repeatLast == 2)
        #expect(policy.escalation(for: .sev1)?.name == "critical")
        #expect(policy.escalation(for: .sev3)?.name == "default")
        #expect(config.schedules.names == ["ops"])
        #expect(config.schedules.byName["ops"]?.layers.map(\.name) == ["weekly", "business-hours"])
        #expect(policy.teams["dba"] == [.account("dave"), .account("carol")])
        #expect(policy.commanders == [.account("alice")])
        #expect(policy.requiredRoles == ["comms"])
        #expect(policy.warningThreshold == 0.8)
        #expect(policy.timers(for: .sev1).acknowledgeDeadline == .seconds(300))
        #expect(policy.timers(for: .sev4) == SeverityTimers())
        #expect(policy.slaByPriority[.p3] == SLATarget(response: .seconds(14_400), resolution: .seconds(259_200)))
        #expect(policy.slaByPriority[.p4] == nil)
        #expect(config.alerts?.token == Secret("example-token"))
        #expect(config.alerts?.policy.rules.first == AlertRule(match: ["severity": ["critical", "page"]], action: .declare, severity: .sev2))
        #expect(config.alerts?.policy.severity(for: ["severity": "disaster"]) == .sev1)
        #expect(config.smtp?.host == "mail.example.org" && config.smtp?.password == Secret("example-smtp-password"))
        #expect(config.paging.methodsBeyondChat(.account("bob")) == [.email])
    }

    @Test func localQuickStartConfigResolvesPathsAgainstItsOwnDirectory() throws {
        let yaml = try String(contentsOfFile: repositoryRoot + "/deploy/local/sitrep.local.yaml", encoding: .utf8)
        try ConfigDirectory.with { directory in
            let configPath = directory.write("deploy/local/sitrep.local.yaml", yaml)
            directory.write(".local/irc/tls/ca.crt", fakeCertificatePEM)
            directory.write(".local/irc/bot-password", "local-password\n")
            directory.write(".local/web-token", "0123456789abcdef0123456789abcdef\n")
            directory.write(".local/ack-secret", String(repeating: "a", count: 64) + "\n")
            directory.write(".local/mail/password", "mail-password\n")
            directory.write(".local/mail/tls/ca.crt", fakeCertificatePEM)
            let config = try SitrepConfig.load(path: configPath, environment: [:])
            #expect(config.web?.ackSecret == Secret(String(repeating: "a", count: 64)))
            #expect(config.web?.publicURL == "http://127.0.0.1:8080")
            #expect(config.smtp?.port == 2525 && config.smtp?.password == Secret("mail-password"))
            #expect(config.smtp?.caFile == directory.path + "/.local/mail/tls/ca.crt")
            #expect(config.web?.internalToken == Secret("0123456789abcdef0123456789abcdef"))
            #expect(config.alerts?.token == Secret("0123456789abcdef0123456789abcdef"))
            #expect(config.irc?.host == "127.0.0.1")
            #expect(config.irc?.port == 6697)
            #expect(config.irc?.tls == SitrepConfig.TLS(caFile: directory.path + "/.local/irc/tls/ca.crt"))
            #expect(config.irc?.sasl.mechanism == .plain(account: "sitrep", password: Secret("local-password")))
            #expect(config.irc?.channels == ["#ops", "#incidents"])
            #expect(config.store.sqlitePath == directory.path + "/.local/sitrep.sqlite")
            #expect(config.incidents.announceChannel == "#incidents")
            #expect(
                config.people
                    == SitrepConfig.People(
                        commanders: [.account("alice")],
                        responders: [.account("bob"), .account("carol")],
                        allowNickIdentities: false
                    )
            )
            #expect(config.warnings == [])
            let demo = SeverityTimers(
                acknowledgeDeadline: .seconds(120),
                updateEvery: .seconds(600),
                closeReminderAfter: .seconds(1800)
            )
            let expectedPolicy = TimerPolicy(
                defaultEscalation: EscalationPolicy(
                    name: "default",
                    tiers: [
                        .init(notify: [.person(.account("bob"))], after: .seconds(120)),
                        .init(notify: [.team("dba"), .person(.account("alice"))], after: .seconds(180)),
                    ]
                ),
                timersBySeverity: [.sev1: demo, .sev2: demo],
                slaByPriority: [
                    .p1: SLATarget(response: .seconds(900), resolution: .seconds(14_400)),
                    .p2: SLATarget(response: .seconds(1800), resolution: .seconds(28_800)),
                ],
                teams: ["dba": [.account("dave")]],
                commanders: [.account("alice")]
            )
            #expect(config.timerPolicy == expectedPolicy)
        }
    }

    @Test func relativePathsResolveAgainstTheConfigDirectoryNotTheWorkingDirectory() throws {
        try ConfigDirectory.with { directory in
            directory.write("certs/ca.pem", fakeCertificatePEM)
            let configPath = directory.write(
                "etc/sitrep/sitrep.yaml",
                minimalYAML + "  tls: { ca_file: ../../certs/ca.pem }\n"
            )
            let config = try SitrepConfig.load(path: configPath, environment: [:])
            #expect(config.irc?.tls.caFile == directory.path + "/certs/ca.pem")
            #expect(FileManager.default.currentDirectoryPath != directory.path + "/etc/sitrep")
        }
    }

    @Test func absolutePathsAreKept() throws {
        try ConfigDirectory.with { directory in
            let ca = directory.write("ca.pem", fakeCertificatePEM)
            let config = try directory.load(minimalYAML + "  tls: { ca_file: \(ca) }\n")
            #expect(config.irc?.tls.caFile == ca)
        }
    }

    @Test func missingConfigFileIsReported() {
        ConfigDirectory.with { directory in
            #expect(throws: ConfigError.unreadable(path: directory.path + "/nope.yaml", reason: "no such file")) {
                try SitrepConfig.load(path: directory.path + "/nope.yaml", environment: [:])
            }
        }
    }

    @Test func yamlSyntaxErrorNamesTheLine() {
        ConfigDirectory.with { directory in
            let path = directory.write("sitrep.yaml", "irc:\n  host: a\n  nick: [unclosed\nlogging: {}\n")
            do throws(ConfigError) {
                _ = try SitrepConfig.load(path: path, environment: [:])
                Issue.record("expected a syntax error")
            } catch {
                guard case .syntax(let errorPath, let line, _, _) = error else {
                    Issue.record("expected a syntax error, got \(error)")
                    return
                }
                #expect(errorPath == path)
                #expect(line == 4)
                #expect(error.lines.count == 1)
                #expect(error.lines[0].hasPrefix("\(path):4:"))
            }
        }
    }

    @Test func duplicateKeyIsASyntaxErrorNamingTheKey() {
        let lines = ConfigDirectory.with { $0.problems(minimalYAML + "  host: other.example.org\n") }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("duplicate key host") == true)
    }

    @Test func emptyFileReportsTheMissingIRCSection() {
        let lines = ConfigDirectory.with { $0.problems("") }
        #expect(lines == ["irc: required but missing: configure a chat network, irc: (at least irc.host and irc.nick), matrix: or both"])
    }
}
