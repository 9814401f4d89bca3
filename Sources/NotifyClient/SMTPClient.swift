import Foundation
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL
import Notify
import Synchronization

/// Sends page emails over SMTP: one connection per message, driven by the pure `SMTPSession` (which decides every
/// command), over STARTTLS or implicit TLS with the server's certificate verified (system roots, plus a private
/// CA if configured). Credentials go only over TLS. A whole delivery is bounded by `deliveryTimeout`.
public struct SMTPClient: Sendable {
    public let configuration: SMTPClientConfiguration
    let sslContext: NIOSSLContext?
    let group: any EventLoopGroup
    let logger: Logger

    /// Longest reply line accepted before the connection is dropped.
    static let maximumLineBytes = 64 * 1024

    public init(
        configuration: SMTPClientConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "sitrep.smtp")
    ) throws(SMTPClientError) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
        guard configuration.security != .plaintext else {
            sslContext = nil
            return
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        if case .systemAndFile(let path) = configuration.trustRoots {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw .invalidConfiguration("the CA file \(path) cannot be read")
            }
            tls.additionalTrustRoots = [.file(path)]
        }
        do {
            sslContext = try NIOSSLContext(configuration: tls)
        } catch {
            throw .invalidConfiguration("cannot build the TLS context: \(error)")
        }
    }

    /// Delivers `message` to its recipient; returns once the server accepted it (250 after DATA).
    /// The `Date` header is now; the `Message-ID` comes from the message's idempotency key.
    public func send(_ message: EmailMessage) async throws(SMTPClientError) {
        try await send(envelope: message.envelope(date: Date()))
    }

    /// Delivers a prepared envelope.
    public func send(envelope: SMTPEnvelope) async throws(SMTPClientError) {
        let session = SMTPSession(
            configuration: SMTPSessionConfiguration(
                security: configuration.security, localName: configuration.localName,
                credentials: configuration.credentials),
            envelope: envelope)
        let channel = try await connect()
        let timedOut = TimeoutFlag()
        let timeout = channel.channel.eventLoop.scheduleTask(in: .init(configuration.deliveryTimeout)) {
            timedOut.raise()
            channel.channel.close(promise: nil)
        }
        defer { timeout.cancel() }
        do {
            try await channel.executeThenClose { inbound, outbound in
                var conversation = SMTPConversation(
                    session: session, channel: channel.channel, outbound: outbound, client: self)
                try await conversation.run(inbound)
            }
        } catch let error as SMTPClientError {
            throw timedOut.isRaised ? .timedOut(after: configuration.deliveryTimeout) : error
        } catch {
            if timedOut.isRaised { throw .timedOut(after: configuration.deliveryTimeout) }
            throw classify(error)
        }
        logger.debug(
            "email delivered",
            metadata: ["server": "\(configuration.host):\(configuration.port)", "to": "\(envelope.recipients)"])
    }

    private func connect() async throws(SMTPClientError) -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let implicitTLS = configuration.security == .implicitTLS
        do {
            return try await ClientBootstrap(group: group)
                .connectTimeout(.init(configuration.connectTimeout))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicitTLS { try channel.pipeline.syncOperations.addHandler(try self.tlsHandler()) }
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(LineBasedFrameDecoder(), maximumBufferSize: Self.maximumLineBytes))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw .connectFailed(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
    }

    /// A TLS handler that verifies the server's certificate against `host`.
    func tlsHandler() throws(SMTPClientError) -> NIOSSLClientHandler {
        guard let sslContext else { throw .invalidConfiguration("TLS requested on a plaintext configuration") }
        do {
            return try NIOSSLClientHandler(context: sslContext, serverHostname: Self.serverHostname(configuration.host))
        } catch {
            throw .tlsFailed(host: configuration.host, reason: "\(error)")
        }
    }

    func classify(_ error: any Error) -> SMTPClientError {
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return .tlsFailed(host: configuration.host, reason: "\(error)")
        }
        return .connectionFailed("\(error)")
    }

    /// The name to send in SNI and verify against; nil for an IP address (then NIOSSL checks the address).
    static func serverHostname(_ host: String) -> String? {
        let isIPv4 = host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        return isIPv4 || host.contains(":") ? nil : host
    }
}

/// Set once the delivery timeout closed the connection, so the error that follows is reported as a timeout.
final class TimeoutFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
