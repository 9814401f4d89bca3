import NIOCore
import NIOPosix
import Synchronization

/// A TCP listener on 127.0.0.1 that accepts every connection and closes it at once, noting when: a server that
/// "accepts and then rejects", for counting how often a client tries again.
final class AcceptAndCloseListener: Sendable {
    let port: Int
    private let channel: any Channel
    private let times: Times

    private init(port: Int, channel: any Channel, times: Times) {
        self.port = port
        self.channel = channel
        self.times = times
    }

    static func start() async throws -> AcceptAndCloseListener {
        let times = Times()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                times.record(ContinuousClock.now)
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(CloseOnActive())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return AcceptAndCloseListener(port: channel.localAddress?.port ?? 0, channel: channel, times: times)
    }

    /// When each connection was accepted, in order.
    func accepts() -> [ContinuousClock.Instant] { times.all }

    func stop() async throws { try await channel.close() }

    private final class Times: Sendable {
        private let instants = Mutex<[ContinuousClock.Instant]>([])
        func record(_ instant: ContinuousClock.Instant) { instants.withLock { $0.append(instant) } }
        var all: [ContinuousClock.Instant] { instants.withLock { $0 } }
    }

    private final class CloseOnActive: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        func channelActive(context: ChannelHandlerContext) { context.close(promise: nil) }
    }
}
