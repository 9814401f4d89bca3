import ArgumentParser
import Foundation
import Logging
import SitrepApp
import SitrepCore

/// `sitrep run --config FILE`: loads the configuration and runs the bot until SIGTERM or SIGINT.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the bot: connect, join the channels, answer commands.")

    @Option(name: .shortAndLong, help: "The YAML configuration file.")
    var config: String

    func run() async throws {
        let loaded = try StoreAccess.config(config, secrets: .all)
        let level = loaded.logging.level
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "sitrep")
        try CrashPoints.arm(ProcessInfo.processInfo.environment["SITREP_CRASH_AT"], die: Self.die)
        for warning in loaded.warnings { logger.warning("\(warning)") }
        logger.info("starting", metadata: ["config": "\(config)"])
        try await SitrepApplication.makeServiceGroup(config: loaded, logger: logger).run()
    }

    /// A crash test's armed point was reached: say which on stderr (unbuffered), then die as `kill -9` would.
    @Sendable private static func die(at point: CrashPoint) {
        FileHandle.standardError.write(Data("crash point \(point) reached: SIGKILL\n".utf8))
        kill(getpid(), SIGKILL)
    }
}
