import Foundation
import NIOCore
#if canImport(Glibc)
import Glibc
#endif
import NIOPosix

/// A TCP relay on 127.0.0.1, run as a `python3` child process, that forwards connections on `port` to a server.
///
/// `stop()` kills it: every relayed connection is cut and new ones are refused, an outage exactly as the client
/// sees it, while the server and its other clients stay up. `start()` listens again on the same port.
actor TCPRelay {
    let port: Int
    let targetPort: Int
    private var process: Process?

    private static let script = """
        import socket, sys, threading
        listen_port, target_port = int(sys.argv[1]), int(sys.argv[2])
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", listen_port))
        server.listen(16)
        def pipe(source, sink):
            try:
                while True:
                    data = source.recv(65536)
                    if not data:
                        break
                    sink.sendall(data)
            except OSError:
                pass
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        while True:
            client, _ = server.accept()
            try:
                upstream = socket.create_connection(("127.0.0.1", target_port))
            except OSError:
                client.close()
                continue
            threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
        """

    private init(port: Int, targetPort: Int) {
        self.port = port
        self.targetPort = targetPort
    }

    /// A relay to `targetPort` on a free port, already listening.
    static func start(to targetPort: Int) async throws -> TCPRelay {
        let probe = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = probe.localAddress?.port ?? 0
        try await probe.close()
        let relay = TCPRelay(port: port, targetPort: targetPort)
        try await relay.start()
        return relay
    }

    /// Starts listening (again); returns once connections are accepted.
    func start() async throws {
        guard process == nil else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, "\(port)", "\(targetPort)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        _ = try await PortProbe.firstAccept(host: "127.0.0.1", port: port, timeout: .seconds(10))
    }

    /// Kills the relay: relayed connections are cut, new ones refused. Returns once it has exited.
    func stop() async throws {
        guard let process else { return }
        self.process = nil
        // SIGKILL: a child may inherit a mask that blocks SIGTERM; the kernel then closes every relayed socket.
        kill(process.processIdentifier, SIGKILL)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(5))
        while process.isRunning && clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
    }
}
