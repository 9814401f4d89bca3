import Foundation
import SitrepTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `sitrep` as a process for the crash and restart tests: its config with a web port of its own (for `/readyz`),
/// started with or without a crash point armed, stopped gracefully or found dead.
extension MatrixBotEndToEndTests {
    /// A `sitrep run` process and the port its web server listens on.
    struct SitrepProcess {
        let process: Process
        let webPort: Int

        /// Whether `/readyz` answers 200 now.
        func isReady() -> Bool {
            MatrixBotEndToEndTests.httpStatus(port: webPort, path: "/readyz") == 200
        }

        /// Waits until `/readyz` answers 200 (true) or the process is gone (false), for at most `limit`.
        func waitUntilReady(within limit: Duration = .seconds(30)) async throws -> Bool {
            let deadline = ContinuousClock.now + limit
            while ContinuousClock.now < deadline {
                if !process.isRunning { return false }
                if isReady() { return true }
                try await Task.sleep(for: .milliseconds(50))
            }
            Issue.record("sitrep not ready within \(limit)")
            return false
        }

        /// Waits for the process to end by itself (a crash point), at most `limit`; true if it died of SIGKILL.
        func waitForCrash(within limit: Duration = .seconds(20)) async throws -> Bool {
            let deadline = ContinuousClock.now + limit
            while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            guard !process.isRunning else {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return false
            }
            return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        }

        /// SIGTERM, then waits for the graceful shutdown.
        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    /// A TCP port nothing listens on right now, for a web server (`FreePort`: below the ephemeral range).
    static func freePort() -> Int {
        (try? FreePort.pick()) ?? 0
    }

    /// The status code of `GET path` on the loopback port, nil when nothing answers.
    static func httpStatus(port: Int, path: String) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        guard request.withCString({ send(fd, $0, strlen($0), 0) }) > 0 else { return nil }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while !received.contains(UInt8(ascii: "\n")) {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[..<count]
        }
        let statusLine = String(decoding: received.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        let parts = statusLine.split(separator: " ")
        return parts.count >= 2 ? Int(parts[1]) : nil
    }

    /// The kill test's config with the web server on `webPort` and `extra` YAML appended.
    static func processYAML(_ setup: Setup, webPort: Int, extra: String = "") -> String {
        killTestYAML(setup) + "web:\n  listen: 127.0.0.1:\(webPort)\n" + extra
    }

    /// Starts `sitrep run` in `setup.folder` (config already written) with `SITREP_CRASH_AT=crashAt` if given.
    static func startProcess(_ name: String, _ setup: Setup, webPort: Int, crashAt: String? = nil) throws
        -> SitrepProcess
    {
        let log = setup.folder.appendingPathComponent("\(name).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = try sitrepBinary()
        process.arguments = ["run", "--config", setup.folder.appendingPathComponent("sitrep.yaml").path]
        var environment = ProcessInfo.processInfo.environment
        environment["SITREP_TEST_MATRIX_PASSWORD"] = setup.synapse.password
        environment["SITREP_CRASH_AT"] = crashAt
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return SitrepProcess(process: process, webPort: webPort)
    }

    /// Runs `sitrep ARGUMENTS` to the end with the test environment minus the Matrix password; returns its exit
    /// status and standard output.
    static func runWithoutChatSecrets(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try sitrepBinary()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SITREP_TEST_MATRIX_PASSWORD"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
