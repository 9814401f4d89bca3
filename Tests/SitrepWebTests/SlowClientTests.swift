import Foundation
import SitrepWeb
import Testing

/// Thousands of clients that connect and then say nothing, or stop inside their headers or body, against the
/// default connection limit: every one is closed within the idle timeout, a normal request is answered while
/// they are held, and the memory they cost is given back. `.ci/run` runs this suite in a process of its own: while
/// it holds its sockets, every new descriptor in the process is numbered past `FD_SETSIZE`, which code that still
/// `select()`s (Foundation's CFSocket, behind `Process`) cannot take safely.
@Suite("Web server under slow clients", .serialized)
struct SlowClientTests {
    static let connections = 5000

    @Test func fiveThousandIdleOrHalfOpenConnectionsAreClosedAndMemoryReturns() async throws {
        let fileLimit = raiseOpenFileLimit()
        try #require(fileLimit >= 2 * Self.connections + 200, "the open-file limit \(fileLimit) is too low")
        // Short timeouts so the test takes seconds; the connection limit is the default a user runs.
        let limits = WebServerLimits(idleTimeout: .seconds(3), readTimeout: .seconds(2))
        try await GuardedServer.run(limits: limits) { port in
            // A first round warms up what a server touches once (code pages, pools, tables sized for the load), so
            // the baseline is a server that has seen such a crowd before; a second one must give back what it took
            // (a connection that kept as little as a kilobyte would show as 5 MB).
            _ = try await Self.round(port: port, count: Self.connections, limits: limits)
            returnFreeMemory()
            let baseline = residentKilobytes()
            let (peak, closedAfter) = try await Self.round(port: port, count: Self.connections, limits: limits)
            try await Task.sleep(for: .milliseconds(500))
            let after = residentKilobytes()
            // The allocator keeps freed pages for reuse, so RSS stays near the peak until it is asked to give them
            // back; what is left then is what the connections still hold.
            returnFreeMemory()
            let trimmed = residentKilobytes()
            print(
                "slow clients: \(Self.connections) connections, RSS baseline \(baseline) kB, with them open \(peak) kB, "
                    + "after they were closed \(after) kB, \(trimmed) kB once the allocator returned its free pages; "
                    + "all closed \(closedAfter) after the last opened")
            #expect(trimmed - baseline < 6 * 1024, "RSS \(baseline) → \(peak) → \(after) → \(trimmed) kB")
        }
    }

    /// Opens `count` slow clients, checks that a normal request is answered meanwhile and that every client is
    /// closed within the idle timeout; returns the RSS with them open and how long the last took to close.
    static func round(port: Int, count: Int, limits: WebServerLimits) async throws -> (Int, Duration) {
        let clients = try await offThePool { try Self.openClients(port: port, count: count) }
        let opened = ContinuousClock.now
        let peak = residentKilobytes()
        let answer = try await offThePool {
            let probe = try RawSocket(port: port)
            try probe.send("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            return probe.read(until: "ok\n", timeout: .seconds(2))
        }
        #expect(answer.hasPrefix("HTTP/1.1 200 OK"), "a normal request must be answered while \(count) clients hang")
        let open = try await offThePool {
            RawSocket.waitForClose(clients, until: opened + limits.idleTimeout + .seconds(2))
        }
        let closedAfter = ContinuousClock.now - opened
        #expect(open.isEmpty, "\(open.count) of \(count) connections still open after \(closedAfter)")
        return (peak, closedAfter)
    }

    /// Opens the clients: a quarter silent, a quarter inside their headers, a quarter inside a hook body, a
    /// quarter idle after one answered request. A send the server refuses (it closed the connection) is fine.
    static func openClients(port: Int, count: Int) throws -> [RawSocket] {
        var sockets: [RawSocket] = []
        sockets.reserveCapacity(count)
        for index in 0..<count {
            let socket = try RawSocket(port: port)
            switch index % 4 {
            case 0: break
            case 1: try? socket.send("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: ")
            case 2: try? socket.send(GuardedServer.hookHead(length: 4096) + "{\"alerts\":[")
            default: try? socket.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            }
            sockets.append(socket)
        }
        return sockets
    }
}
