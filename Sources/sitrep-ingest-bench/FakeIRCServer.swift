import Foundation
import IRC
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// A minimal IRC server over TLS for the benchmark: registers one client (offering server-time, account-tag
/// and message-tags), echoes its JOINs, and lets the benchmark flood lines at it and watch its NOTICEs.
final class FakeIRCServer: Sendable {
    private let state = NIOLockedValueBox(State())
    private let channelBox = NIOLockedValueBox<(any Channel)?>(nil)

    struct State {
        var client: (any Channel)?
        var joined: Set<String> = []
        var noticeWaiters: [(fragment: String, promise: EventLoopPromise<Void>)] = []
        var joinWaiters: [(channel: String, promise: EventLoopPromise<Void>)] = []
    }

    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// Starts listening on 127.0.0.1 and returns the port.
    func start(certificate: String, key: String) async throws -> Int {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        let context = try NIOSSLContext(configuration: configuration)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.addHandler(FakeIRCHandler(server: self))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        channelBox.withLockedValue { $0 = channel }
        return channel.localAddress?.port ?? 0
    }

    func connected(_ channel: any Channel) {
        state.withLockedValue { $0.client = channel }
    }

    /// Called by the handler for each line the bot sends.
    func received(_ message: IRCMessage, on channel: any Channel) {
        if ProcessInfo.processInfo.environment["BENCH_LOG"] != nil { FileHandle.standardError.write(Data("server got: \(message.command) \(message.parameters)\n".utf8)) }
        switch message.command {
        case "CAP" where message.parameter(0) == "LS":
            reply(channel, ":fake CAP * LS :server-time account-tag message-tags")
        case "CAP" where message.parameter(0) == "REQ":
            reply(channel, ":fake CAP * ACK :\(message.parameters.last ?? "")")
        case "USER":
            reply(channel, ":fake 001 sitrep :Welcome\r\n:fake 005 sitrep CASEMAPPING=rfc1459 CHANTYPES=# "
                + "PREFIX=(ov)@+ :are supported\r\n:fake 376 sitrep :End of MOTD")
        case "PING":
            reply(channel, ":fake PONG fake :\(message.parameters.last ?? "")")
        case "JOIN":
            for name in (message.parameter(0) ?? "").split(separator: ",") {
                reply(channel, ":sitrep!bot@bench JOIN \(name)\r\n:fake 366 sitrep \(name) :End of /NAMES list.")
                let waiters = state.withLockedValue { state in
                    state.joined.insert(String(name).lowercased())
                    let ready = state.joinWaiters.filter { $0.channel == name.lowercased() }
                    state.joinWaiters.removeAll { $0.channel == name.lowercased() }
                    return ready
                }
                for waiter in waiters { waiter.promise.succeed() }
            }
        case "NOTICE", "PRIVMSG":
            let text = message.parameters.last ?? ""
            let ready = state.withLockedValue { state in
                let matching = state.noticeWaiters.filter { text.contains($0.fragment) }
                state.noticeWaiters.removeAll { text.contains($0.fragment) }
                return matching
            }
            for waiter in ready { waiter.promise.succeed() }
        default:
            break
        }
    }

    private func reply(_ channel: any Channel, _ text: String) {
        var buffer = channel.allocator.buffer(capacity: text.utf8.count + 2)
        buffer.writeString(text + "\r\n")
        channel.writeAndFlush(buffer, promise: nil)
    }

    func waitForJoin(_ name: String) async throws {
        let promise = group.next().makePromise(of: Void.self)
        let already = state.withLockedValue { state in
            if state.joined.contains(name.lowercased()) { return true }
            state.joinWaiters.append((name.lowercased(), promise))
            return false
        }
        if already { promise.succeed() }
        try await promise.futureResult.get()
    }

    /// A promise fulfilled when the bot sends a NOTICE or PRIVMSG containing `fragment`.
    func expectNotice(containing fragment: String) -> EventLoopFuture<Void> {
        let promise = group.next().makePromise(of: Void.self)
        state.withLockedValue { $0.noticeWaiters.append((fragment, promise)) }
        return promise.futureResult
    }

    /// Writes raw bytes to the bot and waits until they are handed to the socket.
    func send(_ bytes: ByteBuffer) async throws {
        guard let client = state.withLockedValue({ $0.client }) else { return }
        try await client.writeAndFlush(bytes).get()
    }
}

/// Splits the bot's bytes into lines and hands them to the server.
final class FakeIRCHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let server: FakeIRCServer
    private let framer = NIOLockedValueBox(IRCLineFramer())

    init(server: FakeIRCServer) {
        self.server = server
    }

    func channelActive(context: ChannelHandlerContext) {
        server.connected(context.channel)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let lines = framer.withLockedValue { framer -> [ArraySlice<UInt8>] in
            framer.append(buffer.readableBytesView)
            var lines: [ArraySlice<UInt8>] = []
            while let line = framer.nextLine() { lines.append(line) }
            return lines
        }
        for line in lines {
            if let message = try? IRCMessageParser.parse(line) { server.received(message, on: context.channel) }
        }
    }
}
