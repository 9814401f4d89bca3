import Testing

@testable import SitrepApp

@Suite("SASL secrets")
struct SecretTests {
    private let secret = "hunter2-very-secret"

    private func plainYAML(_ source: String) -> String {
        minimalYAML + "  sasl: { mechanism: plain, account: sitrep, \(source) }\n"
    }

    @Test func passwordComesFromTheNamedEnvironmentVariable() throws {
        let config = try ConfigDirectory.with {
            try $0.load(plainYAML("password_env: BOT_PW"), environment: ["BOT_PW": secret])
        }
        #expect(config.irc?.sasl.mechanism == .plain(account: "sitrep", password: Secret(secret)))
    }

    @Test(arguments: ["", "\n", "\r\n", "\n\n"])
    func passwordFileHasTrailingNewlinesTrimmed(_ ending: String) throws {
        let config = try ConfigDirectory.with { directory in
            directory.write("secrets/pw", secret + ending)
            return try directory.load(plainYAML("password_file: secrets/pw"))
        }
        guard case .plain(_, let password)? = config.irc?.sasl.mechanism else {
            Issue.record("expected plain")
            return
        }
        #expect(password.reveal() == secret)
    }

    @Test func secretNeverAppearsInTheConfigsDescriptions() throws {
        let config = try ConfigDirectory.with {
            try $0.load(plainYAML("password_env: BOT_PW"), environment: ["BOT_PW": secret])
        }
        var dumped = ""
        dump(config, to: &dumped)
        for text in [String(describing: config), String(reflecting: config), dumped, "\(config.irc?.sasl.mechanism as Any)"] {
            #expect(!text.contains(secret))
        }
        #expect(String(describing: config).contains("<redacted>"))
        #expect(ConfigCheck.summary(of: config).allSatisfy { !$0.contains(secret) })
    }

    @Test func secretNeverAppearsInErrors() {
        ConfigDirectory.with { directory in
            directory.write("pw", secret)
            let yaml = plainYAML("password_file: pw") + "  port: 0\n  password: \(secret)\n"
            do throws(ConfigError) {
                _ = try directory.load(yaml)
                Issue.record("expected problems")
            } catch {
                #expect(error.lines.count == 2)
                for text in [String(describing: error), String(reflecting: error)] + error.lines {
                    #expect(!text.contains(secret))
                }
            }
        }
    }

    @Test func secretDescribesItselfAsRedacted() {
        let value = Secret(secret)
        #expect(value.description == "<redacted>")
        #expect(value.debugDescription == "<redacted>")
        #expect(Mirror(reflecting: value).children.isEmpty)
    }
}
