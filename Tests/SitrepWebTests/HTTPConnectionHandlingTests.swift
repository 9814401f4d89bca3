import Foundation
import InMemoryLogging
import SitrepWeb
import Testing

/// The web server over real sockets with clients that misbehave or speak old HTTP: answers in the request's
/// version, closes after HTTP/1.0, drains a refused body, closes idle and half-sent requests on time.
@Suite("Web server connection handling", .serialized)
struct HTTPConnectionHandlingTests {
    @Test func http10RequestIsAnsweredAsHTTP10AndTheConnectionCloses() async throws {
        try await GuardedServer.run { port in
            let socket = try await offThePool { try RawSocket(port: port) }
            try socket.send("GET /healthz HTTP/1.0\r\n\r\n")
            let (bytes, closed) = try await offThePool { socket.readUntilClosed(timeout: .seconds(5)) }
            let answer = String(decoding: bytes, as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.0 200 OK\r\n"), "\(answer)")
            #expect(answer.lowercased().contains("connection: close"))
            #expect(answer.hasSuffix("\r\n\r\nok\n"))
            #expect(closed, "the server must close an HTTP/1.0 connection after the answer")
        }
    }

    @Test func http10KeepAliveStaysOpenAndSaysSo() async throws {
        try await GuardedServer.run { port in
            let socket = try await offThePool { try RawSocket(port: port) }
            try socket.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = try await offThePool { socket.read(until: "ok\n", timeout: .seconds(5)) }
            #expect(first.hasPrefix("HTTP/1.0 200 OK\r\n"))
            #expect(first.lowercased().contains("connection: keep-alive"))
            try socket.send("GET /healthz HTTP/1.0\r\n\r\n")
            let (bytes, closed) = try await offThePool { socket.readUntilClosed(timeout: .seconds(5)) }
            #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.0 200 OK\r\n"))
            #expect(closed)
        }
    }

    @Test func http11ConnectionCloseIsHonoured() async throws {
        try await GuardedServer.run { port in
            let socket = try await offThePool { try RawSocket(port: port) }
            try socket.send("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let (bytes, closed) = try await offThePool { socket.readUntilClosed(timeout: .seconds(5)) }
            #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(closed)
        }
    }

    /// A client that writes its whole (too large) body before reading still gets the 413, and the connection
    /// ends, rather than the server stopping to read and both sides waiting forever.
    @Test(arguments: [true, false])
    func tooLargeBodyWrittenWholeFirstStillGetsThe413(close: Bool) async throws {
        try await GuardedServer.run { port in
            let socket = try await offThePool { try RawSocket(port: port) }
            let size = 8 << 20
            try await offThePool {
                try socket.send(GuardedServer.hookHead(length: size, close: close))
                try socket.send([UInt8](repeating: UInt8(ascii: "x"), count: size))
            }
            let (bytes, closed) = try await offThePool { socket.readUntilClosed(timeout: .seconds(10)) }
            let answer = String(decoding: bytes, as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(200))")
            #expect(closed)
        }
    }

    /// A connection that sends nothing, one that stops inside its headers and one that stops inside its body
    /// are each closed once the read timeout passes; a normal request is answered meanwhile.
    @Test func idleAndHalfSentRequestsAreClosedOnTime() async throws {
        let limits = WebServerLimits(idleTimeout: .seconds(2), readTimeout: .seconds(1))
        try await GuardedServer.run(limits: limits) { port in
            let (silent, halfHead, halfBody, keptAlive) = try await offThePool {
                let silent = try RawSocket(port: port)
                let halfHead = try RawSocket(port: port)
                try halfHead.send("GET /healthz HTTP/1.1\r\nHost: t\r\n")
                let halfBody = try RawSocket(port: port)
                try halfBody.send(GuardedServer.hookHead(length: 100) + "{\"alerts\":")
                let keptAlive = try RawSocket(port: port)
                try keptAlive.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
                return (silent, halfHead, halfBody, keptAlive)
            }
            let answer = try await offThePool { keptAlive.read(until: "ok\n", timeout: .seconds(5)) }
            #expect(answer.hasPrefix("HTTP/1.1 200 OK"))
            let started = ContinuousClock.now
            let open = try await offThePool {
                RawSocket.waitForClose([silent, halfHead, halfBody], until: started + .seconds(4))
            }
            #expect(open.isEmpty, "still open after 4 s with a 1 s read timeout: \(open)")
            let (_, closed) = try await offThePool { keptAlive.readUntilClosed(timeout: .seconds(4)) }
            #expect(closed, "an idle kept-alive connection must close after the 2 s idle timeout")
            #expect(ContinuousClock.now - started >= .seconds(1.5))
        }
    }

    @Test func theDefaultsAreTheOnesTheReadmeStates() throws {
        let limits = WebServerLimits()
        #expect(limits.idleTimeout == .seconds(30))
        #expect(limits.readTimeout == .seconds(10))
        #expect(limits.maxConnections == 1024)
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../README.md").standardized,
            encoding: .utf8)
        #expect(readme.contains("`idle_timeout` (default 30 s"))
        #expect(readme.contains("`read_timeout` (default 10 s"))
        #expect(readme.contains("`max_connections` (default 1024"))
    }
}
