import Foundation
import SitrepTestSupport
import Testing

/// The real servers and the scripted-user harness work, so other integration tests can trust them.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct ServerHarnessTests {
    /// A nick unique within this run (servers keep running between tests and test runs).
    static func uniqueNick(_ base: String) -> String {
        "\(base)\(UInt32.random(in: 0..<100_000))"
    }

    @Test(arguments: ["inspircd", "ngircd"])
    func userConnectsOverVerifiedTLS(server: String) async throws {
        let servers = try IRCTestServers.require()
        let endpoint = server == "inspircd" ? servers.inspircd : servers.ngircd
        let alice = try await ScriptedIRCUser.connect(to: endpoint, servers: servers, nick: Self.uniqueNick("alice"))
        try await alice.send("PING :harness")
        try await alice.waitForLine(timeout: .seconds(5), "PONG harness") {
            $0.command == "PONG" && $0.params.last == "harness"
        }
        await alice.quit()
    }

    @Test func saslPlainLogsAliceInOnInspIRCd() async throws {
        let servers = try IRCTestServers.require()
        let account = try #require(servers.userAccounts.first)
        let alice = try await ScriptedIRCUser.connect(
            to: servers.inspircd,
            servers: servers,
            nick: Self.uniqueNick("alice"),
            saslAccount: account,
            password: servers.userPassword
        )
        // 900 RPL_LOGGEDIN arrived during registration; it names the account.
        let loggedIn = try await alice.waitForLine(timeout: .seconds(5), "900 logged in") { $0.command == "900" }
        #expect(loggedIn.params.dropFirst(2).first == account)
        await alice.quit()
    }

    @Test func saslPlainWithAWrongPasswordFails() async throws {
        let servers = try IRCTestServers.require()
        let error = try await #require(throws: ScriptedIRCUser.Failure.self) {
            _ = try await ScriptedIRCUser.connect(
                to: servers.inspircd,
                servers: servers,
                nick: Self.uniqueNick("mallory"),
                saslAccount: "alice",
                password: "not-the-password"
            )
        }
        guard case .saslFailed(let line) = error else {
            Issue.record("expected SASL to fail, got \(error)")
            return
        }
        #expect(line.contains(" 904 "), "\(line)")
    }

    @Test func saslExternalLogsTheBotInWithItsClientCertificate() async throws {
        let servers = try IRCTestServers.require()
        let bot = try await ScriptedIRCUser.connect(
            port: servers.inspircdTLSPort,
            caFile: servers.caFile,
            clientCertificate: .init(certificateFile: servers.botClientCertificate, keyFile: servers.botClientKey),
            nick: Self.uniqueNick("sitrepx"),
            saslExternal: true
        )
        let loggedIn = try await bot.waitForLine(timeout: .seconds(5), "900 logged in") { $0.command == "900" }
        #expect(loggedIn.params.dropFirst(2).first == servers.botAccount)
        await bot.quit()
    }

    @Test(arguments: ["inspircd", "ngircd"])
    func twoUsersSeeEachOthersMessagesInAChannel(server: String) async throws {
        let servers = try IRCTestServers.require()
        let endpoint = server == "inspircd" ? servers.inspircd : servers.ngircd
        let channel = "#harness\(UInt32.random(in: 0..<100_000))"
        let alice = try await ScriptedIRCUser.connect(to: endpoint, servers: servers, nick: Self.uniqueNick("alice"))
        let bob = try await ScriptedIRCUser.connect(to: endpoint, servers: servers, nick: Self.uniqueNick("bob"))
        try await alice.join(channel)
        try await bob.join(channel)

        try await alice.say(channel, "the database is on fire")
        let heard = try await bob.waitForLine("alice's message") {
            $0.command == "PRIVMSG" && $0.params.first == channel
        }
        #expect(heard.sourceNick == alice.nick)
        #expect(heard.trailing == "the database is on fire")

        try await bob.say(channel, "on it")
        let reply = try await alice.waitForLine("bob's reply") { $0.command == "PRIVMSG" && $0.trailing == "on it" }
        #expect(reply.sourceNick == bob.nick)
        await alice.quit()
        await bob.quit()
    }

    @Test func anUnrelatedCAFailsCertificateVerification() async throws {
        let servers = try IRCTestServers.require()
        let error = try await #require(throws: ScriptedIRCUser.Failure.self) {
            _ = try await ScriptedIRCUser.connect(
                port: servers.inspircdTLSPort,
                caFile: servers.otherCAFile,
                nick: Self.uniqueNick("alice")
            )
        }
        guard case .tlsFailed(let detail) = error else {
            Issue.record("expected a TLS failure, got \(error)")
            return
        }
        #expect(detail.contains("CERTIFICATE_VERIFY_FAILED"), "\(detail)")
    }

    @Test func aServerCertificateNotSignedByTheCAIsRefused() async throws {
        let servers = try IRCTestServers.require()
        let error = try await #require(throws: ScriptedIRCUser.Failure.self) {
            _ = try await ScriptedIRCUser.connect(
                to: servers.untrustedCertificate,
                servers: servers,
                nick: Self.uniqueNick("alice")
            )
        }
        guard case .tlsFailed = error else {
            Issue.record("expected a TLS failure, got \(error)")
            return
        }
    }

    @Test func waitForTimesOutWithTheLastLinesSeen() async throws {
        let servers = try IRCTestServers.require()
        let alice = try await ScriptedIRCUser.connect(
            to: servers.ngircd,
            servers: servers,
            nick: Self.uniqueNick("alice")
        )
        let error = try await #require(throws: ScriptedIRCUser.Failure.self) {
            try await alice.waitFor(timeout: .milliseconds(200)) { $0.contains("never sent by any server") }
        }
        #expect("\(error)".contains("001"), "the timeout message lists the lines seen, including the welcome")
        await alice.quit()
    }

    @Test(.ircServers(.exclusive))
    func aRestartedInspIRCdAcceptsConnectionsAgain() async throws {
        let servers = try IRCTestServers.require()
        let alice = try await ScriptedIRCUser.connect(
            to: servers.inspircd,
            servers: servers,
            nick: Self.uniqueNick("alice")
        )

        let took = try await ServerControl(servers).restart(.inspircd)
        print("irc-servers.sh restart-inspircd (stop, start, TLS ready, Atheme relinked) took \(took)")

        // The old connection is gone…
        let gone = try await #require(throws: ScriptedIRCUser.Failure.self) {
            try await alice.waitFor(timeout: .seconds(5)) { _ in false }
        }
        guard case .connectionClosed = gone else {
            Issue.record("expected the old connection to be closed, got \(gone)")
            return
        }
        // …and a new one, with SASL through the relinked services, works.
        let again = try await ScriptedIRCUser.connect(
            to: servers.inspircd,
            servers: servers,
            nick: Self.uniqueNick("alice"),
            saslAccount: "alice",
            password: servers.userPassword
        )
        await again.quit()
    }
}
