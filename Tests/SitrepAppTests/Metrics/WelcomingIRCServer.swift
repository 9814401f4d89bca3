import NIOCore
import NIOPosix
import Synchronization

/// A plaintext IRC server on 127.0.0.1 that welcomes every client (001 and end of MOTD on USER) and hangs up on
/// the first connection right after welcoming it, so a real client registers, loses the connection, reconnects
/// and registers again. Connections are served one after the other.
final class WelcomingIRCServer: Sendable {
    private let listener: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let accepted = Atomic(0)

    /// The port it listens on.
    var port: Int { listener.channel.localAddress?.port ?? 0 }
    /// Connections accepted so far.
    var connections: Int { accepted.load(ordering: .relaxed) }

    init() async throws {
        listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
    }

    /// Serves connections until cancelled.
    func run() async throws {
        try await listener.executeThenClose { connections in
            for try await connection in connections {
                let number = accepted.add(1, ordering: .relaxed).newValue
                try await serve(connection, hangUpAfterWelcome: number == 1)
            }
        }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, hangUpAfterWelcome: Bool) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var pending = ""
            for try await buffer in inbound {
                pending += String(buffer: buffer)
                while let end = pending.firstRange(of: "\r\n") {
                    let line = pending[..<end.lowerBound]
                    let isUser = line.hasPrefix("USER ")
                    pending.removeSubrange(..<end.upperBound)
                    guard isUser else { continue }
                    try await outbound.write(ByteBuffer(string: ":fake 001 sitrep :Welcome\r\n:fake 376 sitrep :End\r\n"))
                    if hangUpAfterWelcome { return }
                }
            }
        }
    }
}
