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

/// The real `sitrep` binary killed at each crash point of the Matrix command path (`SITREP_CRASH_AT`) and started
/// again: the command is on the timeline once, applied once, answered once in the room, the gap is marked and the
/// timeline chain verifies. Part of the serialized end-to-end suite: its bot is the same Matrix account.
extension MatrixBotEndToEndTests {
    /// One crash: the point armed, the command sent once the bot is ready, what its answer contains.
    struct Crash: CustomStringConvertible {
        var point: CrashPoint
        var command: String
        /// Text the original answer or the confirmation after the restart contains (exactly one is posted).
        var answers: [String]
        var description: String { "\(point) at \(command)" }
    }

    /// A `!note` (a change in the incident room) at every Matrix and command point, and a `!declare` (a new
    /// incident, from the ops room) at the two command points.
    static func crashes(_ run: UInt32) -> [Crash] {
        let note = ["note recorded", "was recorded just before sitrep restarted"]
        let points: [CrashPoint] = CrashPoint.matrixPoints + [.commandCommitted, .commandReplied]
        return points.enumerated().map { index, point in
            Crash(point: point, command: "!note crash \(run)-\(index) at \(point)", answers: note)
        } + [CrashPoint.commandCommitted, .commandReplied].enumerated().map { index, point in
            Crash(point: point, command: "!declare sev3 crash \(run)-\(index) at \(point)", answers: ["declared"])
        }
    }

    @Test(.timeLimit(.minutes(10))) func aCrashAtEveryMatrixAndCommandPointLosesNoCommandAndRepeatsNoReply()
        async throws
    {
        let setup = Setup(synapse: try LocalSynapse.require())
        try FileManager.default.createDirectory(at: setup.folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let port = Self.freePort()
        try Self.processYAML(setup, webPort: port)
            .write(to: setup.folder.appendingPathComponent("sitrep.yaml"), atomically: true, encoding: .utf8)
        let alice = try await Person(setup.synapse, user: "alice")
        defer { Task { try? await alice.client.shutdown() } }

        let first = try Self.startProcess("start", setup, webPort: port)
        defer { if first.process.isRunning { kill(first.process.processIdentifier, SIGKILL) } }
        #expect(try await first.waitUntilReady())
        let opsRoom = try await alice.client.createRoom(MatrixCreateRoomRequest(name: "ops", invite: [setup.botID]))
        let incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias, in: opsRoom)
        try await Self.settle(first)

        var exercised: [String] = []
        for (index, crash) in Self.crashes(setup.number).enumerated() {
            let room = crash.command.hasPrefix("!declare") ? opsRoom : incidentRoom
            let armed = try await Self.startQuiet("armed-\(index)", setup, port: port, crashAt: crash.point.rawValue)
            defer { if armed.process.isRunning { kill(armed.process.processIdentifier, SIGKILL) } }
            try await alice.say(crash.command, in: room)
            let crashed = try await armed.waitForCrash()
            #expect(crashed, "\(crash): sitrep did not die there")
            if crashed { exercised.append(crash.point.rawValue) }

            let restarted = try Self.startProcess("restarted-\(index)", setup, webPort: port)
            defer { if restarted.process.isRunning { kill(restarted.process.processIdentifier, SIGKILL) } }
            _ = try await alice.waitFor { response in
                response.rooms.join[room]?.timeline.events.contains { event in
                    guard event.sender == setup.botID, case .message(let message) = event.content else { return false }
                    return crash.answers.contains { message.body.contains($0) }
                } == true ? true : nil
            }
            try await Self.settle(restarted)
        }
        // Every reply the bot posted in the rooms, seen by alice (each answer at most once per command).
        _ = try? await alice.waitFor { _ in nil as Bool? }

        let store = try SQLiteIncidentStore(path: setup.folder.appendingPathComponent("sitrep.sqlite").path)
        defer { try? store.close() }
        let timeline = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
        let opsAnswers = alice.botMessages(from: setup.botID, in: opsRoom)
        let incidentAnswers = alice.botMessages(from: setup.botID, in: incidentRoom)
        for crash in Self.crashes(setup.number) {
            let text = crash.command.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
            if crash.command.hasPrefix("!note") {
                #expect(timeline.filter { $0.kind == .message && $0.text == crash.command }.count == 1, "\(crash)")
                #expect(timeline.filter { $0.kind == .note && $0.text == text }.count == 1, "\(crash): applied once")
                let confirmations = incidentAnswers.filter { $0.contains(crash.command) }
                #expect(confirmations.count <= 1, "\(crash): confirmed at most once: \(incidentAnswers)")
            } else {
                let title = String(text.dropFirst("sev3 ".count))
                let declared = try await store.openIncidents().filter { $0.title == title }
                #expect(declared.count == 1, "\(crash): declared once")
                let answered = opsAnswers.filter { $0.contains("declared") && $0.contains("incident \(declared.first?.id ?? 0) ") }
                #expect(answered.count == 1, "\(crash): answered once: \(opsAnswers)")
            }
        }
        // The replies ("note recorded") do not name their note: one answer per note, in all.
        let notes = Self.crashes(setup.number).filter { $0.command.hasPrefix("!note") }
        let noteAnswers = incidentAnswers.filter { body in notes[0].answers.contains { body.contains($0) } }
        #expect(noteAnswers.count == notes.count, "one answer per note: \(incidentAnswers)")
        let gaps = timeline.filter { $0.kind == .gap }
        #expect(gaps.count >= Self.crashes(setup.number).count, "a gap per restart: \(gaps.map(\.text))")
        let verify = try Self.runWithoutChatSecrets(
            ["verify", "--config", setup.folder.appendingPathComponent("sitrep.yaml").path])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(!verify.output.contains("BROKEN"), "\(verify.output)")
        // `verify` above and `export` read the store only: they run without the Matrix password.
        let export = try Self.runWithoutChatSecrets(
            ["export", "--config", setup.folder.appendingPathComponent("sitrep.yaml").path, "1"])
        #expect(export.status == 0 && export.output.contains("\"entries\""), "\(export.output.prefix(500))")
        print("crash points exercised on Matrix: \(exercised.count): \(exercised.joined(separator: ", "))")
    }

    /// Starts sitrep with `crashAt` armed once the room is quiet: the first sync after a start must have nothing
    /// new, or a Matrix point would be reached before the command is sent. A run that died before it was ready
    /// (the point reached on the bot's own last replies) is followed by a run that takes them in, and a retry.
    static func startQuiet(_ name: String, _ setup: Setup, port: Int, crashAt: String) async throws -> SitrepProcess {
        for attempt in 1...5 {
            let armed = try startProcess("\(name)-\(attempt)", setup, webPort: port, crashAt: crashAt)
            if try await armed.waitUntilReady() { return armed }
            armed.stop()
            let quiet = try startProcess("\(name)-quiet-\(attempt)", setup, webPort: port)
            _ = try await quiet.waitUntilReady()
            try await settle(quiet)
        }
        throw MatrixClientError.gaveUp(path: "start \(name)", attempts: 5, lastProblem: "died before it was ready")
    }

    /// Gives a running bot a moment to take in its own last sends, then stops it gracefully.
    static func settle(_ running: SitrepProcess) async throws {
        try await Task.sleep(for: .seconds(1))
        running.stop()
    }
}
