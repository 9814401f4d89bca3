import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Opens the TCP (and, unless configured off, TLS) connection to the IRC server as an async channel of byte
/// buffers, saying in the log when verification or TLS is off by configuration.
enum IRCChannelBootstrap {
    static func connect(
        _ settings: IRCClientConfiguration, group: any EventLoopGroup, logger: Logger
    ) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        if settings.tls.enabled && settings.tls.insecure {
            logger.warning("TLS certificate verification is DISABLED by configuration (tls.insecure: true)")
        } else if !settings.tls.enabled {
            logger.warning("connecting WITHOUT TLS by configuration (tls.enabled: false)")
        }
        let sslContext = settings.tls.enabled ? try TLSContextFactory.makeContext(for: settings.tls) : nil
        let hostname = TLSContextFactory.serverHostname(for: settings.host)
        logger.info("connecting", metadata: ["host": "\(settings.host)", "port": "\(settings.port)"])
        return try await ClientBootstrap(group: group)
            .connectTimeout(.nanoseconds(settings.connectTimeout.nanosecondsClamped))
            .channelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        let handler = try NIOSSLClientHandler(context: sslContext, serverHostname: hostname)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }
}

