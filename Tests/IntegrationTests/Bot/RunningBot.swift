import IRC
import IRCClient
import Logging
import ServiceLifecycleTestKit
import SitrepApp

/// The bot's real IRC client running against a local server for one test, with its events and log lines
/// recorded so the test can await them (with a deadline, never a sleep).
struct RunningBot: Sendable {
    let client: IRCClient
    let events: Mailbox<IRCEvent>
    let logs: RecordingLogHandler.Records

    /// Runs `body` while the client is connected (or trying to); stops the client afterwards.
    static func with<T: Sendable>(
        _ configuration: IRCClientConfiguration,
        _ body: @Sendable (RunningBot) async throws -> T
    ) async throws -> T {
        let (logger, logs) = RecordingLogHandler.logger(label: "bot")
        let client = IRCClient(configuration: configuration, logger: logger)
        let bot = RunningBot(client: client, events: Mailbox(name: "bot events"), logs: logs)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await client.run()
                return nil
            }
            group.addTask {
                for await batch in client.events { for event in batch { bot.events.deliver(event) } }
                return nil
            }
            defer { group.cancelAll() }
            return try await body(bot)
        }
    }

    /// Waits for the first not yet claimed event matching `predicate`.
    @discardableResult
    func waitFor(
        _ description: String, timeout: Duration = .seconds(15), _ predicate: @escaping @Sendable (IRCEvent.Kind) -> Bool
    ) async throws -> IRCEvent {
        try await events.waitFor(timeout: timeout, description: description) { predicate($0.kind) }
    }

    func waitForRegistration(timeout: Duration = .seconds(15)) async throws -> String {
        let event = try await waitFor("registration", timeout: timeout) {
            if case .registered = $0 { return true }
            return false
        }
        guard case .registered(let nick) = event.kind else { return "" }
        return nick
    }

    func waitForJoin(_ channel: String, timeout: Duration = .seconds(15)) async throws {
        try await waitFor("join \(channel)", timeout: timeout) {
            if case .joined(let joined) = $0 { return joined.lowercased() == channel.lowercased() }
            return false
        }
    }

    func waitForLog(_ fragment: String, timeout: Duration = .seconds(15)) async throws -> String {
        try await logs.mailbox.waitFor(timeout: timeout, description: "log line containing \"\(fragment)\"") {
            $0.contains(fragment)
        }
    }
}

extension RunningBot {
    /// Like `with`, but `body` gets a function that triggers a graceful shutdown (as SIGTERM would); returns only
    /// once the client's `run` has returned.
    static func withGracefulShutdown(
        _ configuration: IRCClientConfiguration,
        _ body: @Sendable (RunningBot, _ shutDown: @Sendable () -> Void) async throws -> Void
    ) async throws {
        let (logger, logs) = RecordingLogHandler.logger(label: "bot")
        let client = IRCClient(configuration: configuration, logger: logger)
        let bot = RunningBot(client: client, events: Mailbox(name: "bot events"), logs: logs)
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await client.run() }
                group.addTask { for await batch in client.events { for event in batch { bot.events.deliver(event) } } }
                try await body(bot) { trigger.triggerGracefulShutdown() }
                try await group.waitForAll()
            }
        }
    }
}
