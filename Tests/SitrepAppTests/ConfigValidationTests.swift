import Testing

@testable import SitrepApp

/// One validation rule: a config, the files and environment it needs, and the single problem it must produce.
/// `$DIR` in `expected` stands for the config file's directory.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var files: [String: String] = [:]
    var environment: [String: String] = [:]
    var expected: String

    var testDescription: String { name }

    /// `minimalYAML` with extra lines under `irc:`.
    static func irc(
        _ name: String,
        _ lines: String,
        files: [String: String] = [:],
        environment: [String: String] = [:],
        expected: String
    ) -> RuleCase {
        RuleCase(
            name: name,
            yaml: minimalYAML + lines + "\n",
            files: files,
            environment: environment,
            expected: expected
        )
    }

    /// A config with `host` and `nick` replaced.
    static func identity(
        _ name: String,
        host: String = "irc.example.org",
        nick: String = "sitrep",
        expected: String
    ) -> RuleCase {
        RuleCase(name: name, yaml: "irc:\n  host: \(host)\n  nick: \(nick)\n", expected: expected)
    }
}

private let plain = "  sasl: { mechanism: plain, account: sitrep, password_env: SITREP_SASL_PASSWORD }"
private let password = ["SITREP_SASL_PASSWORD": "pw"]

@Suite("Validating a config file")
struct ConfigValidationTests {
    static let identityRules: [RuleCase] = [
        .init(name: "host is required", yaml: "irc:\n  nick: sitrep\n", expected: "irc.host: required but missing"),
        .init(name: "nick is required", yaml: "irc:\n  host: h\n", expected: "irc.nick: required but missing"),
        .identity(
            "host is not a URL",
            host: "ircs://irc.example.org",
            expected: #"irc.host: must be a host name or IP address, not a URL, got "ircs://irc.example.org""#
        ),
        .identity(
            "host has no spaces",
            host: "\"irc example\"",
            expected: #"irc.host: must be a host name or IP address, got "irc example""#
        ),
        .identity(
            "nick does not start with a digit",
            nick: "1bot",
            expected: #"irc.nick: must not start with a digit or '-', got "1bot""#
        ),
        .identity(
            "nick does not start with a dash",
            nick: "\"-bot\"",
            expected: #"irc.nick: must not start with a digit or '-', got "-bot""#
        ),
        .identity(
            "nick has no spaces",
            nick: "\"my bot\"",
            expected: #"irc.nick: must not contain spaces, got "my bot""#
        ),
        .identity(
            "nick is at most 30 characters",
            nick: String(repeating: "n", count: 31),
            expected: "irc.nick: must be at most 30 characters, got 31"
        ),
        .identity(
            "nick uses only nick characters",
            nick: "\"bot@home\"",
            expected: #"irc.nick: must contain only letters, digits and []\`_^{|}-, got "@" in "bot@home""#
        ),
        .identity("nick is not empty", nick: "\"\"", expected: "irc.nick: must not be empty"),
        .irc(
            "alternate nicks follow the nick rules",
            "  alternate_nicks: [ok, 9lives]",
            expected: #"irc.alternate_nicks[1]: must not start with a digit or '-', got "9lives""#
        ),
        .irc(
            "username has no spaces",
            "  username: \"a b\"",
            expected: #"irc.username: must not contain spaces, '@' or control characters, got "a b""#
        ),
        .irc("realname is not empty", "  realname: \"\"", expected: "irc.realname: must not be empty"),
        .irc(
            "quit message is one line",
            "  quit_message: \"bye\\nnow\"",
            expected: "irc.quit_message: must be a single line (no line breaks or NUL)"
        ),
        .irc("port is at most 65535", "  port: 70000", expected: "irc.port: must be between 1 and 65535, got 70000"),
        .irc("port is at least 1", "  port: 0", expected: "irc.port: must be between 1 and 65535, got 0"),
        .irc("port is an integer", "  port: abc", expected: #"irc.port: expected an integer, got "abc""#),
    ]

    static let channelRules: [RuleCase] = [
        .irc(
            "channel starts with a prefix",
            ##"  channels: ["#ops", "ops"]"##,
            expected: ##"irc.channels[1]: must start with a channel prefix (#, &, + or !), got "ops""##
        ),
        .irc(
            "channel has no commas",
            ##"  channels: ["#a,b"]"##,
            expected: ##"irc.channels[0]: must not contain spaces, commas or control characters, got "#a,b""##
        ),
        .irc(
            "channel has no spaces",
            ##"  channels: ["#a b"]"##,
            expected: ##"irc.channels[0]: must not contain spaces, commas or control characters, got "#a b""##
        ),
        .irc(
            "channel has no BEL",
            ##"  channels: ["#a\ab"]"##,
            expected: "irc.channels[0]: must not contain spaces, commas or control characters, got \"#a\u{7}b\""
        ),
        .irc(
            "channel has a name",
            ##"  channels: ["#"]"##,
            expected: ##"irc.channels[0]: must have a name after the prefix, got "#""##
        ),
        .irc(
            "unquoted channel is a YAML comment",
            "  channels:\n    - #ops",
            expected:
                ##"irc.channels[0]: is empty; quote names that start with # ("#ops"): YAML reads an unquoted # as a comment"##
        ),
        .irc(
            "channels are not repeated",
            ##"  channels: ["#ops", "#OPS"]"##,
            expected: ##"irc.channels[1]: duplicate of irc.channels[0] "#OPS""##
        ),
        .irc(
            "channels is a list",
            "  channels: \"#ops\"",
            expected: ##"irc.channels: expected a list of strings, got "#ops""##
        ),
    ]

    static let tlsRules: [RuleCase] = [
        .irc("tls is a mapping", "  tls: yes", expected: #"irc.tls: expected a mapping, got "yes""#),
        .irc(
            "insecure is a boolean",
            "  tls: { insecure: maybe }",
            expected: #"irc.tls.insecure: expected true or false, got "maybe""#
        ),
        .irc(
            "ca file exists",
            "  tls: { ca_file: missing.pem }",
            expected: "irc.tls.ca_file: cannot read $DIR/missing.pem (no such file)"
        ),
        .irc(
            "ca file is not a directory",
            "  tls: { ca_file: . }",
            expected: "irc.tls.ca_file: cannot read $DIR (is a directory)"
        ),
        .irc(
            "ca file is a PEM certificate",
            "  tls: { ca_file: ca.pem }",
            files: ["ca.pem": "hello"],
            expected: "irc.tls.ca_file: $DIR/ca.pem is not a PEM certificate (no BEGIN CERTIFICATE block)"
        ),
        .irc(
            "client key is a PEM key",
            "  tls: { client_certificate: c.pem, client_key: c.key }",
            files: ["c.pem": fakeCertificatePEM, "c.key": fakeCertificatePEM],
            expected: "irc.tls.client_key: $DIR/c.key is not a PEM private key (no BEGIN PRIVATE KEY block)"
        ),
        .irc(
            "client certificate needs a key",
            "  tls: { client_certificate: c.pem }",
            files: ["c.pem": fakeCertificatePEM],
            expected: "irc.tls.client_key: required when irc.tls.client_certificate is set"
        ),
        .irc(
            "client key needs a certificate",
            "  tls: { client_key: c.key }",
            files: ["c.key": fakeKeyPEM],
            expected: "irc.tls.client_certificate: required when irc.tls.client_key is set"
        ),
        .irc(
            "ca file needs TLS",
            "  tls: { enabled: false, ca_file: ca.pem }",
            files: ["ca.pem": fakeCertificatePEM],
            expected: "irc.tls.ca_file: is set but irc.tls.enabled is false"
        ),
        .irc(
            "insecure needs TLS",
            "  tls: { enabled: false, insecure: true }",
            expected: "irc.tls.insecure: is true but irc.tls.enabled is false"
        ),
    ]

    static let saslRules: [RuleCase] = [
        .irc(
            "mechanism is known",
            "  sasl: { mechanism: scram }",
            expected: #"irc.sasl.mechanism: must be one of none, plain, external, got "scram""#
        ),
        .irc(
            "plain needs an account",
            "  sasl: { mechanism: plain, password_env: P }",
            environment: ["P": "pw"],
            expected: "irc.sasl.account: required but missing"
        ),
        .irc(
            "plain needs a password source",
            "  sasl: { mechanism: plain, account: sitrep }",
            expected: "irc.sasl: mechanism plain needs one of password_env or password_file"
        ),
        .irc(
            "plain takes only one password source",
            "  sasl: { mechanism: plain, account: a, password_env: P, password_file: pw }",
            environment: ["P": "pw"],
            expected: "irc.sasl.password_file: set only one of irc.sasl.password_env and irc.sasl.password_file"
        ),
        .irc(
            "password variable is set",
            plain,
            expected: "irc.sasl.password_env: environment variable SITREP_SASL_PASSWORD is not set"
        ),
        .irc(
            "password variable is not empty",
            plain,
            environment: ["SITREP_SASL_PASSWORD": ""],
            expected: "irc.sasl.password_env: environment variable SITREP_SASL_PASSWORD is empty"
        ),
        .irc(
            "password file exists",
            "  sasl: { mechanism: plain, account: a, password_file: secrets/pw }",
            expected: "irc.sasl.password_file: cannot read $DIR/secrets/pw (no such file)"
        ),
        .irc(
            "password file is not empty",
            "  sasl: { mechanism: plain, account: a, password_file: pw }",
            files: ["pw": "\n"],
            expected: "irc.sasl.password_file: $DIR/pw is empty"
        ),
        .irc(
            "external needs a client certificate",
            "  sasl: { mechanism: external }",
            expected: "irc.sasl.mechanism: external needs TLS with irc.tls.client_certificate and irc.tls.client_key"
        ),
        .irc(
            "none takes no password",
            "  sasl: { password_env: P }",
            expected: "irc.sasl.password_env: is not used with mechanism none; remove it or set mechanism: plain"
        ),
        .irc(
            "required is a boolean",
            "  sasl: { required: sometimes }",
            expected: #"irc.sasl.required: expected true or false, got "sometimes""#
        ),
    ]

    static let timingAndLoggingRules: [RuleCase] = [
        .irc("burst is at least 1", "  pacing: { burst: 0 }", expected: "irc.pacing.burst: must be at least 1, got 0"),
        .irc(
            "lines per second is positive",
            "  pacing: { lines_per_second: 0 }",
            expected: "irc.pacing.lines_per_second: must be a number greater than 0, got 0.0"
        ),
        .irc(
            "initial delay is positive",
            "  reconnect: { initial_delay: 0s }",
            expected: "irc.reconnect.initial_delay: must be greater than 0"
        ),
        .irc(
            "max delay is not below initial delay",
            "  reconnect: { initial_delay: 10s, max_delay: 5s }",
            expected:
                "irc.reconnect.max_delay: must be at least irc.reconnect.initial_delay (10.0 seconds), got 5.0 seconds"
        ),
        .irc(
            "keepalive interval is a duration",
            "  keepalive: { interval: 5x }",
            expected:
                #"irc.keepalive.interval: expected a duration like 500ms, 1s, 2m, 1h, 1d or a number of seconds, got "5x""#
        ),
        .irc(
            "keepalive timeout is positive",
            "  keepalive: { timeout: 0 }",
            expected: "irc.keepalive.timeout: must be greater than 0"
        ),
        .init(
            name: "log level is known",
            yaml: minimalYAML + "logging: { level: verbose }\n",
            expected:
                #"logging.level: must be one of trace, debug, info, notice, warning, error, critical, got "verbose""#
        ),
    ]

    static let structureRules: [RuleCase] = [
        .irc(
            "misspelt key suggests the right one",
            "  sasl: { pasword_file: pw }",
            expected: "irc.sasl.pasword_file: unknown key; did you mean password_file?"
        ),
        .irc(
            "camelCase key suggests the snake_case one",
            "  quitMessage: bye",
            expected: "irc.quitMessage: unknown key; did you mean quit_message?"
        ),
        .init(
            name: "unknown top-level key suggests irc",
            yaml: minimalYAML + "ircc: {}\n",
            expected: "ircc: unknown key; did you mean irc?"
        ),
        .init(
            name: "unrelated key lists the known keys",
            yaml: minimalYAML + "colour: blue\n",
            expected: "colour: unknown key; expected one of irc, logging, store, incidents, people, escalation, timers, alerts, web, failover, matrix, smtp, schedules, paging"
        ),
        .init(
            name: "top level is a mapping",
            yaml: "- irc\n",
            expected: "(top level): expected a mapping with the sections irc, logging, store, incidents, people, escalation, timers, alerts, web, failover, matrix, smtp, schedules and paging"
        ),
    ]

    @Test(arguments: identityRules + channelRules + tlsRules + saslRules + timingAndLoggingRules + structureRules)
    func ruleReportsItsKeyAndReason(_ rule: RuleCase) {
        ConfigDirectory.with { directory in
            for (name, contents) in rule.files {
                directory.write(name, contents)
            }
            let expected = rule.expected.replacingOccurrences(of: "$DIR", with: directory.path)
            #expect(directory.problems(rule.yaml, environment: rule.environment) == [expected])
        }
    }

    @Test func everyProblemIsReportedAtOnce() {
        let yaml = """
            irc:
              host: irc.example.org
              port: 70000
              nick: 1bot
              channels: ["ops"]
              sasl: { mechanism: plain, account: sitrep, pasword_file: pw }
            logging: { level: loud }

            """
        let lines = ConfigDirectory.with { $0.problems(yaml) }
        #expect(
            lines == [
                "irc.sasl.pasword_file: unknown key; did you mean password_file?",
                "irc.nick: must not start with a digit or '-', got \"1bot\"",
                "irc.port: must be between 1 and 65535, got 70000",
                "irc.sasl: mechanism plain needs one of password_env or password_file",
                "irc.channels[0]: must start with a channel prefix (#, &, + or !), got \"ops\"",
                "logging.level: must be one of trace, debug, info, notice, warning, error, critical, got \"loud\"",
            ]
        )
    }

    @Test func validConfigHasNoProblems() {
        let lines = ConfigDirectory.with { $0.problems(minimalYAML + plain + "\n", environment: password) }
        #expect(lines == [])
    }
}
