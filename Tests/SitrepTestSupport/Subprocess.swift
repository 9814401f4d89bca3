import Foundation

/// Runs a helper program (a server control script) to completion without blocking a thread: its output
/// goes to a file, not a pipe (reading a pipe to its end would hang if a daemon it started kept the pipe open),
/// and the exit is awaited through `terminationHandler`, never `waitUntilExit` (which spins a run loop on one of
/// the few threads Swift concurrency has here).
public enum Subprocess {
    /// A program that exited non-zero, with what it printed.
    public struct Failure: Error, CustomStringConvertible {
        public var command: String
        public var status: Int32
        public var output: String
        public var description: String { "\(command) failed (exit \(status)):\n\(output)" }
    }

    /// Runs `executable arguments…` and returns its output; throws `Failure` on a non-zero exit.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, name: String? = nil
    ) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let logURL = FileManager.default.temporaryDirectory.appendingPathComponent("subprocess-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: logURL) }
        let output = try FileHandle(forWritingTo: logURL)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw Failure(command: name ?? ([executable] + arguments).joined(separator: " "), status: status, output: text)
        }
        return text
    }
}
