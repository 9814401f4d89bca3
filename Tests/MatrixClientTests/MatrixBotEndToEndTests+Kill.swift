import Foundation
import Matrix
import MatrixClient
import SQLiteStore
import SitrepCore
import SitrepTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `sitrep run` as a process, on the local Synapse, killed with SIGKILL in the middle of an incident and started
/// again: nothing said in the room is lost or recorded twice, and no reply is posted twice. Part of the serialized
/// end-to-end suite: its bot is the same Matrix account.
extension MatrixBotEndToEndTests {
    /// The `sitrep` binary `swift build` put next to the test bundle.
    static func sitrepBinary() throws -> URL {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("sitrep") }
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "run `swift build` first")
    }

    /// A Matrix-only config (no `irc:`), as an operator on Matrix alone writes it: alice a commander (and
    /// `responders`), the bot on device `device` + the setup's number, `matrixExtra` (indented YAML lines) added to
    /// its `matrix:` section.
    static func killTestYAML(
        _ setup: MatrixBotEndToEndTests.Setup, device: String = "KILL", responders: [String] = [],
        matrixExtra: String = ""
    ) -> String {
        let responderList = responders.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            store:
              sqlite:
                path: sitrep.sqlite
            incidents:
              channel_prefix: "\(setup.prefix)"
            people:
              commanders: ["\(setup.synapse.userID("alice"))"]
            \(responders.isEmpty ? "" : "  responders: [\(responderList)]\n")matrix:
              homeserver: \(setup.synapse.url)
              user_id: "\(setup.botID)"
              password_env: SITREP_TEST_MATRIX_PASSWORD
              device_id: \(device)\(setup.number)
            \(matrixExtra)  tls: { ca_file: \(setup.synapse.caFile) }

            """
    }

    /// Starts `sitrep run` on the config in `folder`, logging to `name.log` there.
    static func startSitrep(_ name: String, folder: URL, password: String) throws -> Process {
        let log = folder.appendingPathComponent("\(name).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = try sitrepBinary()
        process.arguments = ["run", "--config", folder.appendingPathComponent("sitrep.yaml").path]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["SITREP_TEST_MATRIX_PASSWORD": password]) { _, new in new }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    @Test(.timeLimit(.minutes(3))) func aKill9MidIncidentLosesNothingAndRepeatsNothing() async throws {
        let setup = Setup(synapse: try LocalSynapse.require())
        try FileManager.default.createDirectory(at: setup.folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let yaml = Self.killTestYAML(setup)
        try yaml.write(to: setup.folder.appendingPathComponent("sitrep.yaml"), atomically: true, encoding: .utf8)
        let alice = try await Person(setup.synapse, user: "alice")
        defer { Task { try? await alice.client.shutdown() } }

        let first = try Self.startSitrep("first", folder: setup.folder, password: setup.synapse.password)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        let incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)
        try await alice.say("line 1", in: incidentRoom)
        try await alice.say("!ack", in: incidentRoom)
        _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "acknowledged")
        try await alice.say("line 2", in: incidentRoom)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()

        try await alice.say("line 3", in: incidentRoom)
        try await alice.say("!lead", in: incidentRoom)
        let second = try Self.startSitrep("second", folder: setup.folder, password: setup.synapse.password)
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
        _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "now leads")
        try await alice.say("!status", in: incidentRoom)
        _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "lead: alice")
        second.terminate()
        second.waitUntilExit()

        let store = try SQLiteIncidentStore(path: setup.folder.appendingPathComponent("sitrep.sqlite").path)
        defer { try? store.close() }
        let timeline = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
        #expect(
            timeline.filter { $0.kind == .message }.map(\.text) == [
                "line 1", "!ack", "line 2", "line 3", "!lead", "!status",
            ])
        let replies = timeline.filter { $0.kind == .bot }.map(\.text)
        #expect(replies.filter { $0.hasPrefix("incident 1 acknowledged") }.count == 1, "\(replies)")
        #expect(replies.filter { $0.contains("now leads") }.count == 1)
        let posted = alice.botMessages(from: setup.botID, in: incidentRoom)
        #expect(posted.filter { $0.hasPrefix("incident 1 acknowledged") }.count == 1, "\(posted)")
        #expect(posted.filter { $0.contains("now leads") }.count == 1, "\(posted)")
    }
}
