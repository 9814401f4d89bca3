import Glibc
import NIOCore
import NIOPosix
import Testing

@testable import PostgresStore

/// The watch connection's socket has TCP keepalive with short timings, so a silent network cut closes it (and
/// makes the store select a host again) within seconds rather than at the next operation's timeout.
struct TCPKeepaliveTests {
    @Test func theWatchNoticesASilentCutWithinSixSeconds() {
        #expect(TCPKeepalive.watch.detectionTime <= .seconds(6))
        #expect(TCPKeepalive.watch.idle >= .seconds(1), "probes only an idle connection, not every query")
    }

    @Test func aConnectedSocketCarriesTheKeepaliveOptions() async throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let channel = try await TCPKeepalive.watch.connect(
            host: "127.0.0.1", port: listener.port, timeout: .seconds(5), on: MultiThreadedEventLoopGroup.singleton)
        func option(_ level: CInt, _ name: CInt) async throws -> Int {
            try await channel.getOption(ChannelOptions.socket(SocketOptionLevel(level), SocketOptionName(name))).get()
        }
        #expect(try await option(SOL_SOCKET, SO_KEEPALIVE) != 0)
        #expect(try await option(CInt(IPPROTO_TCP), TCP_KEEPIDLE) == 2)
        #expect(try await option(CInt(IPPROTO_TCP), TCP_KEEPINTVL) == 1)
        #expect(try await option(CInt(IPPROTO_TCP), TCP_KEEPCNT) == 3)
        try await channel.close()
    }

    /// A listening TCP socket on 127.0.0.1 and a free port; the kernel completes connections to it on its own.
    private struct LoopbackListener {
        let descriptor: CInt
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, CInt(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    bind(descriptor, address, length) == 0 && listen(descriptor, 4) == 0
                        && getsockname(descriptor, address, &length) == 0
                }
            }
            guard bound else { throw IOError(errnoCode: errno, reason: "listening on 127.0.0.1") }
            self.descriptor = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        func close() { _ = Glibc.close(descriptor) }
    }
}
