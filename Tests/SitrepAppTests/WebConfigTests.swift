import Foundation
import Notify
import SitrepCore
import SitrepWeb
import Testing

@testable import SitrepApp

/// The `web:` section: off when absent, defaults, every bad value reported as `web.key: reason`, and the token
/// resolved like the SASL password and never shown.
@Suite("Web server config")
struct WebConfigTests {
    private let token = "0123456789abcdef-web-token"

    private func webYAML(_ lines: String) -> String {
        minimalYAML + "web:\n" + lines
    }

    @Test func absentSectionKeepsTheServerOff() throws {
        let config = try ConfigDirectory.with { try $0.load(minimalYAML) }
        #expect(config.web == nil)
    }

    @Test func emptySectionTurnsItOnWithLoopbackDefaults() throws {
        let config = try ConfigDirectory.with { try $0.load(minimalYAML + "web: {}\n") }
        let web = try #require(config.web)
        #expect(web == SitrepConfig.Web(host: "127.0.0.1", port: 8080, title: "Service status", refreshSeconds: 30))
        #expect(web.internalToken == nil && web.publicURL == nil)
        #expect(config.warnings.isEmpty)
    }

    @Test func everyKeyIsRead() throws {
        let config = try ConfigDirectory.with { directory in
            directory.write("secrets/web-token", token + "\n")
            return try directory.load(
                webYAML(
                    """
                      listen: "[::1]:9090"
                      title: Acme status
                      refresh_seconds: 0
                      internal_token_file: secrets/web-token
                      public_url: https://status.example.org/

                    """))
        }
        let web = try #require(config.web)
        #expect(web.host == "::1" && web.port == 9090)
        #expect(web.title == "Acme status")
        #expect(web.refreshSeconds == 0)
        #expect(web.internalToken?.reveal() == token)
        #expect(web.publicURL == "https://status.example.org")
        let server = WebServerConfiguration(web)
        #expect(server.host == "::1" && server.port == 9090 && server.internalToken == AccessToken(token))
    }

    @Test func connectionLimitsAreReadAndDefaultToWhatTheReadmeStates() throws {
        let defaults = try #require(try ConfigDirectory.with { try $0.load(minimalYAML + "web: {}\n") }.web)
        #expect(defaults.limits == WebServerLimits(idleTimeout: .seconds(30), readTimeout: .seconds(10), maxConnections: 1024))
        let config = try ConfigDirectory.with {
            try $0.load(webYAML("  idle_timeout: 2m\n  read_timeout: 5s\n  max_connections: 200\n"))
        }
        let web = try #require(config.web)
        #expect(web.limits == WebServerLimits(idleTimeout: .seconds(120), readTimeout: .seconds(5), maxConnections: 200))
        #expect(WebServerConfiguration(web).limits == web.limits)
    }

    @Test func tokenComesFromTheEnvironmentAndNeverPrints() throws {
        let config = try ConfigDirectory.with {
            try $0.load(webYAML("  internal_token_env: WEB_TOKEN\n"), environment: ["WEB_TOKEN": token])
        }
        #expect(config.web?.internalToken?.reveal() == token)
        var dumped = ""
        dump(config, to: &dumped)
        for text in [String(describing: config), dumped] + ConfigCheck.summary(of: config) {
            #expect(!text.contains(token))
        }
        #expect(ConfigCheck.summary(of: config).contains("  web:      http://127.0.0.1:8080, internal views on"))
    }

    @Test(arguments: [
        ("  listen: 8080\n", "web.listen: must be host:port, like 127.0.0.1:8080 or [::1]:8080, got \"8080\""),
        ("  listen: \"::1:8080\"\n", "web.listen: an IPv6 address goes in brackets, like [::1]:8080, got \"::1:8080\""),
        ("  listen: \"[127.0.0.1]:80\"\n", "web.listen: brackets are for IPv6 addresses only, got \"[127.0.0.1]:80\""),
        ("  listen: \"[::1]8080\"\n", "web.listen: must be host:port, like 127.0.0.1:8080 or [::1]:8080, got \"[::1]8080\""),
        ("  listen: \"127.0.0.1:0\"\n", "web.listen: port must be between 1 and 65535, got \"0\""),
        ("  listen: \"127.0.0.1:http\"\n", "web.listen: port must be between 1 and 65535, got \"http\""),
        ("  listen: \":8080\"\n", "web.listen: host must not be empty"),
        ("  listen: \"http://x:80\"\n", "web.listen: host must be a host name or IP address, not a URL, got \"http://x\""),
        ("  title: \"\"\n", "web.title: must not be empty"),
        ("  refresh_seconds: 2\n", "web.refresh_seconds: must be 0 (no refresh) or from 5 to 3600, got 2"),
        ("  refresh_seconds: soon\n", "web.refresh_seconds: expected an integer, got \"soon\""),
        ("  public_url: status.example.org\n",
         "web.public_url: must be an absolute http or https URL, like https://status.example.org, got \"status.example.org\""),
        ("  public_url: ftp://x.org\n",
         "web.public_url: must be an absolute http or https URL, like https://status.example.org, got \"ftp://x.org\""),
        ("  public_url: https://x.org/?a=1\n", "web.public_url: must not have a query or fragment, got \"https://x.org/?a=1\""),
        ("  port: 80\n", "web.port: unknown key"),
        ("  idle_timeout: 0s\n", "web.idle_timeout: must be from 1.0 seconds to 3600.0 seconds, got 0.0 seconds"),
        ("  idle_timeout: soon\n", "web.idle_timeout: expected a duration like 500ms"),
        ("  read_timeout: 2h\n", "web.read_timeout: must be from 1.0 seconds to 3600.0 seconds, got 7200.0 seconds"),
        ("  max_connections: 0\n", "web.max_connections: must be from 1 to 1000000, got 0"),
        ("  max_connections: many\n", "web.max_connections: expected an integer, got \"many\""),
    ])
    func badValuesAreReportedUnderTheirKey(yaml: String, problem: String) {
        let problems = ConfigDirectory.with { $0.problems(webYAML(yaml)) }
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix(problem) == true, "\(problems)")
    }

    @Test func tokenProblemsNameTheKeyButNeverTheToken() {
        ConfigDirectory.with { directory in
            directory.write("short", "tooshort\n")
            directory.write("empty", "\n")
            let cases: [(String, [String: String], String)] = [
                ("  internal_token_env: NOPE\n", [:], "web.internal_token_env: environment variable NOPE is not set"),
                ("  internal_token_env: SHORT\n", ["SHORT": "tooshort"], "web.internal_token_env: the token must be at least 16"),
                ("  internal_token_env: SPACE\n", ["SPACE": "has a space in it ok"], "web.internal_token_env: the token must be"),
                ("  internal_token_file: short\n", [:], "web.internal_token_file: the token must be at least 16"),
                ("  internal_token_file: empty\n", [:], "web.internal_token_file: \(directory.path)/empty is empty"),
                ("  internal_token_file: missing\n", [:], "web.internal_token_file: cannot read \(directory.path)/missing"),
                ("  internal_token_env: A\n  internal_token_file: short\n", ["A": token],
                 "web.internal_token_file: set only one of web.internal_token_env and web.internal_token_file"),
            ]
            for (yaml, environment, expected) in cases {
                let problems = directory.problems(webYAML(yaml), environment: environment)
                #expect(problems.count == 1 && problems[0].hasPrefix(expected), "\(yaml): \(problems)")
                #expect(!problems.joined().contains("tooshort") && !problems.joined().contains(token))
            }
        }
    }

    /// Issue 20: what the status page publishes is the operator's choice; nothing before an update by default.
    @Test func publishDefaultsToOnUpdateAndTakesImmediately() throws {
        #expect(try ConfigDirectory.with { try $0.load(minimalYAML + "web: {}\n") }.web?.publish == .onUpdate)
        let immediately = try ConfigDirectory.with { try $0.load(webYAML("  publish: immediately\n")) }
        #expect(immediately.web?.publish == .immediately)
        let problems = ConfigDirectory.with { $0.problems(webYAML("  publish: sometimes\n")) }
        #expect(problems == [#"web.publish: must be on_update or immediately, got "sometimes""#])
    }

    /// Issue 20: the command prefix is per network; a bad one fails at start naming the key.
    @Test func theIRCCommandPrefixDefaultsToBangAndABadOneNamesTheKey() throws {
        let yaml = "irc:\n  host: irc.example.org\n  nick: sitrep\n"
        #expect(try ConfigDirectory.with { try $0.load(yaml) }.irc?.commandPrefix == "!")
        #expect(try ConfigDirectory.with { try $0.load(yaml + "  command_prefix: \".\"\n") }.irc?.commandPrefix == ".")
        let problems = ConfigDirectory.with { $0.problems(yaml + "  command_prefix: ab\n") }
        #expect(problems.count == 1 && problems[0].hasPrefix("irc.command_prefix: may not contain letters"), "\(problems)")
    }

    @Test func ackSecretComesFromAFileAndSignsLinks() throws {
        let secret = String(repeating: "k", count: 40)
        let config = try ConfigDirectory.with { directory in
            directory.write("ack", secret + "\n")
            return try directory.load(webYAML("  public_url: https://sitrep.example.org\n  ack_secret_file: ack\n"))
        }
        let signer = try #require(config.web?.ackLinkSigner)
        let claims = AckClaims(incidentID: 3, person: "dave", attemptID: "INC-3/tier-1/account:dave/email/1", expires: Date().addingTimeInterval(60))
        #expect(signer.verify(token: signer.sign(claims), now: Date()) == .success(claims))
        #expect(!String(describing: config).contains(secret))
    }

    @Test func ackSecretProblemsNameTheKey() {
        ConfigDirectory.with { directory in
            let long = String(repeating: "k", count: 40)
            let cases: [(String, [String: String], String)] = [
                ("  public_url: https://x.org\n  ack_secret_env: ACK\n", ["ACK": "short"],
                 "web.ack_secret_env: the acknowledge link secret has 5 bytes; give at least 32"),
                ("  ack_secret_env: ACK\n", ["ACK": long],
                 "web.public_url: must be set when web.ack_secret_env is: acknowledge links point at it"),
                ("  public_url: https://x.org\n  ack_secret_env: ACK\n  ack_secret_file: f\n", ["ACK": long],
                 "web.ack_secret_file: set only one of web.ack_secret_env and web.ack_secret_file"),
            ]
            for (yaml, environment, expected) in cases {
                let problems = directory.problems(webYAML(yaml), environment: environment)
                #expect(problems.count == 1 && problems[0].hasPrefix(expected), "\(yaml): \(problems)")
                #expect(!problems.joined().contains(long))
            }
        }
    }

    @Test func everyProblemIsReportedAtOnce() {
        let problems = ConfigDirectory.with {
            $0.problems(webYAML("  listen: nowhere\n  refresh_seconds: 1\n  public_url: x\n  colour: red\n"))
        }
        #expect(problems.map { $0.prefix { $0 != ":" } }.sorted() == [
            "web.colour", "web.listen", "web.public_url", "web.refresh_seconds",
        ])
    }

    @Test func aNonLoopbackListenIsAWarning() throws {
        let config = try ConfigDirectory.with { try $0.load(webYAML("  listen: 0.0.0.0:8080\n")) }
        #expect(config.warnings.map(\.keyPath) == ["web.listen"])
        #expect(config.warnings.first?.reason.contains("reverse proxy") == true)
        for host in ["127.0.0.1:1", "localhost:2", "[::1]:3"] {
            let local = try ConfigDirectory.with { try $0.load(webYAML("  listen: \"\(host)\"\n")) }
            #expect(local.warnings.isEmpty, "\(host)")
        }
    }

    @Test func alertHooksWithoutAWebServerAreAWarning() {
        var config = SitrepConfig(irc: SitrepConfig.IRC(host: "irc.example.org", nick: "sitrep"))
        config.alerts = SitrepConfig.Alerts(token: Secret("hook-token-0123456789"), policy: AlertPolicy())
        #expect(config.warnings.map(\.keyPath) == ["alerts"])
        #expect(config.warnings.first?.reason.contains("web:") == true)
        config.web = SitrepConfig.Web()
        #expect(config.warnings.isEmpty)
    }
}

/// The `web:` example in `deploy/sitrep.example.yaml` stays valid.
@Suite("Web config example")
struct WebConfigExampleTests {
    @Test func exampleSectionLoads() throws {
        let example = try String(contentsOfFile: repositoryRoot + "/deploy/sitrep.example.yaml", encoding: .utf8)
        let lines = example.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex(of: "web:"))
        let block = ([lines[start]] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") }).joined(separator: "\n")
        let config = try ConfigDirectory.with {
            try $0.load(minimalYAML + block + "\n", environment: ["SITREP_WEB_TOKEN": "0123456789abcdef0123"])
        }
        let web = try #require(config.web)
        #expect(web.host == "127.0.0.1" && web.port == 8080)
        #expect(web.title == "Example Corp status")
        #expect(web.internalToken?.reveal() == "0123456789abcdef0123")
        #expect(web.publicURL == "https://status.example.org")
    }
}
