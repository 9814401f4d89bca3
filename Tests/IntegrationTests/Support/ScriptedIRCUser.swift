import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import SitrepTestSupport

/// A scripted human on a real IRC server, for integration tests: an independent minimal client (it shares no code
/// with the bot's IRC stack, which is what is under test) over NIOPosix + NIOSSL with full certificate checks.
///
/// It answers PING by itself; every other received line lands in a mailbox that `waitFor` searches
/// (see `Mailbox` for the selective-receive rule). Waits have deadlines, never sleeps.
final class ScriptedIRCUser: Sendable {
    /// What went wrong, with the last lines received so a failing test explains itself.
    enum Failure: Error, CustomStringConvertible, Sendable {
        case timedOut(waitingFor: String, after: Duration, lastLines: [String])
        case tlsFailed(String)
        case connectionClosed(String, lastLines: [String])
        case rejected(String, lastLines: [String])
        case saslFailed(String)
        case invalidLine(String)

        var description: String {
            switch self {
            case .timedOut(let what, let timeout, let lines):
                return "timed out after \(timeout) waiting for \(what); last lines seen:\n" + Self.indent(lines)
            case .tlsFailed(let error): return "TLS failed: \(error)"
            case .connectionClosed(let why, let lines):
                return "connection closed (\(why)); last lines:\n" + Self.indent(lines)
            case .rejected(let line, let lines): return "server refused: \(line); last lines:\n" + Self.indent(lines)
            case .saslFailed(let line): return "SASL failed: \(line)"
            case .invalidLine(let line): return "refusing to send a line with CR, LF or NUL: \(line.debugDescription)"
            }
        }

        private static func indent(_ lines: [String]) -> String {
            lines.isEmpty ? "  (none)" : lines.map { "  " + $0 }.joined(separator: "\n")
        }
    }

    /// A client certificate for SASL EXTERNAL.
    struct ClientCertificate: Sendable {
        var certificateFile: String
        var keyFile: String
    }

    let nick: String
    private let channel: any Channel
    private let mailbox: Mailbox<String>

    private init(nick: String, channel: any Channel, mailbox: Mailbox<String>) {
        self.nick = nick
        self.channel = channel
        self.mailbox = mailbox
    }

    /// Connects, registers (optionally with SASL PLAIN or, given only a client certificate and `saslExternal`,
    /// EXTERNAL; optionally requesting more capabilities) and returns once 001 has arrived.
    static func connect(
        host: String = "127.0.0.1",
        port: Int,
        tls: Bool = true,
        caFile: String?,
        serverHostname: String = "localhost",
        clientCertificate: ClientCertificate? = nil,
        nick: String,
        saslAccount: String? = nil,
        password: String? = nil,
        saslExternal: Bool = false,
        capabilities: [String] = [],
        timeout: Duration = .seconds(15)
    ) async throws -> ScriptedIRCUser {
        let mailbox = Mailbox<String>(
            name: "lines to \(nick)", historyLimit: 30, unclaimedLimit: 50_000,
            timeoutError: { what, timeout, recent in Failure.timedOut(waitingFor: what, after: timeout, lastLines: recent) })
        let sslContext = try tls ? makeSSLContext(caFile: caFile, clientCertificate: clientCertificate) : nil
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(5))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        let handler = try NIOSSLClientHandler(context: sslContext, serverHostname: serverHostname)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    try channel.pipeline.syncOperations.addHandler(LineHandler(mailbox: mailbox))
                }
            }
        let channel = try await bootstrap.connect(host: host, port: port).get()
        let user = ScriptedIRCUser(nick: nick, channel: channel, mailbox: mailbox)
        do {
            try await user.register(
                saslAccount: saslAccount,
                password: password,
                saslExternal: saslExternal,
                capabilities: capabilities,
                timeout: timeout
            )
        } catch {
            try? await channel.close()
            throw error
        }
        return user
    }

    /// Connects to one of the test servers' endpoints, verifying against the test CA.
    static func connect(
        to endpoint: IRCTestServers.Endpoint,
        servers: IRCTestServers,
        nick: String,
        saslAccount: String? = nil,
        password: String? = nil,
        capabilities: [String] = []
    ) async throws -> ScriptedIRCUser {
        try await connect(
            host: endpoint.host,
            port: endpoint.port,
            tls: endpoint.tls,
            caFile: servers.caFile,
            nick: nick,
            saslAccount: saslAccount,
            password: password,
            capabilities: capabilities
        )
    }

    private static func makeSSLContext(caFile: String?, clientCertificate: ClientCertificate?) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        if let caFile { configuration.trustRoots = .file(caFile) }
        if let clientCertificate {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(clientCertificate.certificateFile)
                .map { .certificate($0) }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: clientCertificate.keyFile, format: .pem))
        }
        return try NIOSSLContext(configuration: configuration)
    }

    private func register(
        saslAccount: String?,
        password: String?,
        saslExternal: Bool,
        capabilities: [String],
        timeout: Duration
    ) async throws {
        let useSASL = saslExternal || saslAccount != nil
        let requested = capabilities + (useSASL ? ["sasl"] : [])
        if !requested.isEmpty { try await send("CAP LS 302") }
        try await send("NICK \(nick)")
        try await send("USER \(nick) 0 * :scripted test user \(nick)")
        if !requested.isEmpty {
            try await send("CAP REQ :\(requested.joined(separator: " "))")
            let reply = try await waitForLine(timeout: timeout, "CAP ACK/NAK") {
                $0.command == "CAP" && ($0.params.dropFirst().first == "ACK" || $0.params.dropFirst().first == "NAK")
            }
            if reply.params.dropFirst().first == "NAK" { throw Failure.rejected(reply.raw, lastLines: recentLines) }
            if useSASL { try await authenticate(account: saslAccount, password: password, timeout: timeout) }
            try await send("CAP END")
        }
        let welcome = try await waitForLine(timeout: timeout, "001 welcome") {
            ["001", "432", "433", "436", "465", "ERROR"].contains($0.command)
        }
        if welcome.command != "001" { throw Failure.rejected(welcome.raw, lastLines: recentLines) }
    }

    private func authenticate(account: String?, password: String?, timeout: Duration) async throws {
        try await send("AUTHENTICATE \(account == nil ? "EXTERNAL" : "PLAIN")")
        _ = try await waitForLine(timeout: timeout, "AUTHENTICATE +") {
            $0.command == "AUTHENTICATE" && $0.params.first == "+"
        }
        if let account {
            let payload = Data("\(account)\0\(account)\0\(password ?? "")".utf8).base64EncodedString()
            try await send("AUTHENTICATE \(payload)")  // always < 400 bytes for test accounts
        } else {
            try await send("AUTHENTICATE +")
        }
        let result = try await waitForLine(timeout: timeout, "SASL result (903/904/905/906/908)") {
            ["903", "904", "905", "906", "908"].contains($0.command)
        }
        if result.command != "903" { throw Failure.saslFailed(result.raw) }
    }

    /// Sends one raw line (without CRLF).
    func send(_ rawLine: String) async throws {
        guard !rawLine.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
            throw Failure.invalidLine(rawLine)
        }
        do {
            try await channel.writeAndFlush(ByteBuffer(string: rawLine + "\r\n"))
        } catch {
            // The write failed because the channel closed: report why it closed (a TLS failure, an ERROR line).
            try? await channel.closeFuture.get()
            throw mailbox.closedBy ?? Failure.connectionClosed("\(error)", lastLines: recentLines)
        }
    }

    /// Joins `channel` and returns once the server echoed our JOIN.
    func join(_ channelName: String, timeout: Duration = .seconds(10)) async throws {
        try await send("JOIN \(channelName)")
        let nick = self.nick.lowercased()
        let target = channelName.lowercased()
        _ = try await waitForLine(timeout: timeout, "JOIN \(channelName) echo") {
            $0.command == "JOIN" && $0.sourceNick?.lowercased() == nick && $0.params.first?.lowercased() == target
        }
    }

    /// Sends a PRIVMSG to a channel or nick.
    func say(_ target: String, _ text: String) async throws {
        try await send("PRIVMSG \(target) :\(text)")
    }

    /// The first unclaimed received line for which `predicate` holds, waiting up to `timeout` for it; throws
    /// `Failure.timedOut` listing the last lines seen, or the reason the connection closed.
    @discardableResult
    func waitFor(
        timeout: Duration = .seconds(10),
        _ predicate: @escaping @Sendable (String) -> Bool
    ) async throws -> String {
        try await mailbox.waitFor(timeout: timeout, description: "a matching line", predicate)
    }

    /// `waitFor` over parsed lines, with a description for the timeout message.
    @discardableResult
    func waitForLine(
        timeout: Duration = .seconds(10),
        _ description: String = "a matching line",
        _ predicate: @escaping @Sendable (IRCLine) -> Bool
    ) async throws -> IRCLine {
        IRCLine(try await mailbox.waitFor(timeout: timeout, description: description) { predicate(IRCLine($0)) })
    }

    /// The last lines received, oldest first.
    var recentLines: [String] { mailbox.delivered }

    /// Sends QUIT and closes the connection.
    func quit(_ message: String = "bye") async {
        try? await send("QUIT :\(message)")
        try? await channel.close()
    }

    /// Closes the TCP connection without QUIT (a client that vanished).
    func disconnect() async {
        try? await channel.close()
    }
}

/// Splits the byte stream into lines, answers PING, hands every line to the mailbox.
private final class LineHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let mailbox: Mailbox<String>
    private var buffer = ByteBuffer()
    private var error: (any Error)?

    init(mailbox: Mailbox<String>) {
        self.mailbox = mailbox
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer.writeBuffer(&bytes)
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - buffer.readerIndex
            var line = buffer.readString(length: length) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty { continue }
            let parsed = IRCLine(line)
            if parsed.command == "PING" {
                let token = parsed.params.last.map { " :\($0)" } ?? ""
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "PONG\(token)\r\n")), promise: nil)
            }
            mailbox.deliver(line)
        }
        buffer.discardReadBytes()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if self.error == nil { self.error = error }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        let reason: ScriptedIRCUser.Failure
        if let tlsError = error as? NIOSSLError, case .handshakeFailed = tlsError {
            reason = .tlsFailed("\(tlsError)")
        } else if let error {
            reason = .connectionClosed("\(error)", lastLines: mailbox.delivered)
        } else {
            reason = .connectionClosed("closed by the server", lastLines: mailbox.delivered)
        }
        mailbox.close(reason)
        context.fireChannelInactive()
    }
}
