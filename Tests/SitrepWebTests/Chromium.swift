import Foundation

/// Headless Chromium, run as a separate process with a deadline: the real browser a stakeholder would use.
///
/// Found through `CHROMIUM` (a path) or `chromium` on `PATH`. Each run gets its own throw-away profile.
struct Chromium: Sendable {
    let path: String

    /// Why a browser run failed.
    enum Failure: Error, CustomStringConvertible {
        case timedOut(seconds: Int, arguments: [String])
        case exited(status: Int32, stderr: String)

        var description: String {
            switch self {
            case .timedOut(let seconds, let arguments): "chromium did not finish within \(seconds) s: \(arguments)"
            case .exited(let status, let stderr): "chromium exited with \(status): \(stderr.suffix(2000))"
            }
        }
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The browser on this machine, if any.
    static func find() -> Chromium? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) {
            return Chromium(path: path)
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/chromium"
            if FileManager.default.isExecutableFile(atPath: path) { return Chromium(path: path) }
        }
        return nil
    }

    /// The DOM of `url` after load, serialised.
    func dumpDOM(_ url: String, timeout: Int = 90) async throws -> String {
        try await run(["--dump-dom", url], timeout: timeout)
    }

    /// Saves a PNG of `url` at `path`, rendered in a window of `width`×`height` CSS pixels.
    func screenshot(_ url: String, to path: String, width: Int, height: Int, timeout: Int = 90) async throws {
        _ = try await run(["--screenshot=\(path)", "--window-size=\(width),\(height)", "--hide-scrollbars", url], timeout: timeout)
    }

    /// Runs the browser headless with `arguments`; its standard output. Killed after `timeout` seconds.
    private func run(_ arguments: [String], timeout: Int) async throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("stdout")
        let errors = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
            ] + arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        let exit = try await Self.wait(for: process, timeout: timeout, arguments: arguments)
        guard exit == 0 else {
            throw Failure.exited(status: exit, stderr: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
        }
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// Starts `process` and waits for it to exit, terminating (then killing) it at the deadline.
    private static func wait(for process: Process, timeout: Int, arguments: [String]) async throws -> Int32 {
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus) }
        try process.run()
        return try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask { await exited.stream.first { _ in true } }
            group.addTask {
                try? await Task.sleep(for: .seconds(timeout))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let status = first else {
                process.terminate()
                try? await Task.sleep(for: .seconds(2))
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                throw Failure.timedOut(seconds: timeout, arguments: arguments)
            }
            return status
        }
    }
}
