import Foundation
import SitrepTestSupport
import Testing

/// A person whose Matrix client is matrix-nio with python-olm (`deploy/local/e2ee_human.py`), not sitrep's code:
/// a fresh device that encrypts, decrypts and shares room keys as Element does, driven one step at a time over
/// JSON lines. Its diagnostics go to `<folder>/<user>-nio.log`.
final class NioHuman: @unchecked Sendable {
    /// A step the client could not do, with its own words, or the client gone.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let userID: String
    private(set) var deviceID = ""
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private let log: URL
    /// Blocking pipe reads happen here, off Swift concurrency's few threads (the app under test needs them).
    private let reader = DispatchQueue(label: "nio-human-reader")
    private var pending = Data()

    /// Starts the client as `user` on `synapse` (the encrypting profile) and waits for its login.
    init(_ synapse: LocalSynapse, user: String, folder: URL) async throws {
        let python = try #require(synapse.humanPython, "the encrypting Synapse's env names no human client Python")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        log = folder.appendingPathComponent("\(user)-nio.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let stdin = Pipe()
        let stdout = Pipe()
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            root.appendingPathComponent("deploy/local/e2ee_human.py").path, "--homeserver", synapse.url,
            "--ca", synapse.caFile, "--user", user,
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["E2EE_HUMAN_PASSWORD": synapse.password]) { _, new in new }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading
        userID = synapse.userID(user)
        let hello = try await answer()
        guard let device = hello["device_id"] as? String else { throw Failure(description: "no device in \(hello)") }
        deviceID = device
    }

    /// Sends one command and returns its answer's fields; a refused command throws with the client's reason.
    @discardableResult
    func run(_ op: String, _ fields: [String: Any] = [:]) async throws -> [String: Any] {
        var command = fields
        command["op"] = op
        var line = try JSONSerialization.data(withJSONObject: command)
        line.append(UInt8(ascii: "\n"))
        try input.write(contentsOf: line)
        return try await answer()
    }

    /// The next JSON line, as fields; throws the client's error, or the tail of its log if it has gone.
    private func answer() async throws -> [String: Any] {
        let line = await withCheckedContinuation { continuation in
            reader.async { [self] in continuation.resume(returning: readLine()) }
        }
        guard let line else {
            let tail = (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(2000)) } ?? ""
            throw Failure(description: "the nio client of \(userID) ended; its log ends:\n\(tail)")
        }
        guard let fields = try JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            throw Failure(description: "not a JSON object: \(String(decoding: line, as: UTF8.self))")
        }
        guard fields["ok"] as? Bool == true else {
            throw Failure(description: "\(userID): \(fields["error"] as? String ?? "\(fields)")")
        }
        return fields
    }

    /// Blocks until a whole line has arrived (nil at the end of output).
    private func readLine() -> Data? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[pending.index(after: newline)...])
                return Data(line)
            }
            let chunk = output.availableData
            if chunk.isEmpty { return nil }
            pending.append(chunk)
        }
    }

    /// An encrypted private room, as Element makes one, with `invite` invited; its id.
    func createRoom(_ name: String, invite: [String]) async throws -> String {
        try await run("create_room", ["name": name, "invite": invite])["room_id"] as? String ?? ""
    }

    /// Waits until `user` has joined `roomID`.
    func waitUntil(_ user: String, joined roomID: String) async throws {
        try await run("wait_joined", ["room": roomID, "user": user, "timeout": 30])
    }

    /// Joins a room by id or alias, retrying for a while (it may not exist yet); its id.
    func join(_ room: String) async throws -> String {
        try await run("join", ["room": room, "timeout": 30])["room_id"] as? String ?? ""
    }

    /// The room's `m.room.encryption` algorithm, nil when the room is not encrypted.
    func encryption(of roomID: String) async throws -> String? {
        try await run("encryption", ["room": roomID])["algorithm"] as? String
    }

    /// Says `text` in `roomID`, encrypted when the room is (its key shared with every member's devices first).
    func say(_ text: String, in roomID: String) async throws {
        try await run("send", ["room": roomID, "text": text])
    }

    /// The next message (not returned before) from `sender` in `roomID` containing `text`, and whether it came
    /// encrypted; throws after 30 s with what was seen.
    func message(from sender: String, in roomID: String, containing text: String) async throws
        -> (body: String, encrypted: Bool)
    {
        let found = try await run(
            "wait_message", ["room": roomID, "sender": sender, "contains": text, "timeout": 30])
        return (found["body"] as? String ?? "", found["encrypted"] as? Bool ?? false)
    }

    /// Every message seen from `sender` in `roomID`, and how many of theirs it still cannot decrypt.
    func messages(from sender: String, in roomID: String) async throws -> (bodies: [String], undecryptable: Int) {
        let seen = try await run("messages", ["room": roomID, "sender": sender])
        return (seen["bodies"] as? [String] ?? [], seen["undecryptable"] as? Int ?? -1)
    }

    /// Logs out (the device is deleted) and waits for the client to end; kills it if it does not.
    func quit() async {
        _ = try? await run("quit")
        try? input.close()
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { process.terminate() }
    }
}
