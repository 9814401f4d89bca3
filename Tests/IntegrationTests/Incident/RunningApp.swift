import Foundation
import Logging
import ServiceLifecycle
import SitrepApp
import SitrepCore
import SitrepTestSupport

/// The whole sitrep (IRC client, coordinator, timeline writer, SQLite store in a temporary folder) built by the
/// same composition root as `sitrep run`, running for one test.
struct RunningApp: Sendable {
    let parts: SitrepApplication.Parts
    let logs: RecordingLogHandler.Records

    static func with(
        _ config: SitrepConfig, _ body: @Sendable (RunningApp) async throws -> Void
    ) async throws {
        let (logger, logs) = RecordingLogHandler.logger(label: "sitrep")
        let parts = try SitrepApplication.makeParts(config: config, logger: logger)
        let app = RunningApp(parts: parts, logs: logs)
        let group = ServiceGroup(
            configuration: .init(services: parts.services.map { .init(service: $0) }, logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { tasks.cancelAll() }
            try await body(app)
            await group.triggerGracefulShutdown()
            try await tasks.next()
        }
    }

    /// A config for the local InspIRCd (SASL as the bot), a fresh database, unique channel names.
    static func config(servers: IRCTestServers, folder: URL, prefix: String, announce: String) -> SitrepConfig {
        var config = SitrepConfig(
            irc: SitrepConfig.IRC(
                host: servers.host, port: servers.inspircdTLSPort,
                tls: SitrepConfig.TLS(caFile: servers.caFile),
                nick: BotConfiguration.unique("sitrep"),
                sasl: SitrepConfig.SASL(mechanism: .plain(account: servers.botAccount, password: Secret(servers.botPassword))),
                channels: [],
                pacing: SitrepConfig.Pacing(burst: 5, linesPerSecond: 2)))
        config.store = SitrepConfig.Store(sqlitePath: folder.appendingPathComponent("sitrep.sqlite").path)
        config.incidents.channelPrefix = prefix
        config.incidents.announceChannel = announce
        config.people = SitrepConfig.People(
            commanders: [.account("alice")], responders: [.account("bob")], allowNickIdentities: false)
        return config
    }
}

extension ScriptedIRCUser {
    /// A scripted person on the local InspIRCd, logged in (SASL PLAIN) to one of the test accounts, with a nick
    /// unique to this run.
    static func loggedIn(_ account: String, servers: IRCTestServers) async throws -> ScriptedIRCUser {
        try await connect(
            to: servers.inspircd, servers: servers, nick: BotConfiguration.unique(account), saslAccount: account,
            password: servers.userPassword)
    }
}
