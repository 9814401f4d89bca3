import NIOCore
import NIOSSL
import Notify

/// One delivery's loop: reads reply lines, feeds `SMTPSession`, and performs its actions on the channel.
struct SMTPConversation {
    var session: SMTPSession
    let channel: any Channel
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let client: SMTPClient
    var parser = SMTPReplyParser()

    init(
        session: SMTPSession, channel: any Channel, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        client: SMTPClient
    ) {
        self.session = session
        self.channel = channel
        self.outbound = outbound
        self.client = client
    }

    /// Runs until the session closes (delivered) or fails; throws on failure. Once the server accepted the message,
    /// trouble with the goodbye (QUIT, a TLS close without notify) no longer matters.
    mutating func run(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>) async throws {
        do {
            try await converse(inbound)
        } catch  where session.isDelivered {
            return
        }
    }

    private mutating func converse(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>) async throws {
        for try await buffer in inbound {
            var line = String(buffer: buffer)
            if line.hasSuffix("\r") { line.removeLast() }
            let reply: SMTPReply?
            do { reply = try parser.feed(line: line) } catch { throw SMTPClientError.smtp(error) }
            guard let reply else { continue }
            if try await perform(session.replyReceived(reply)) { return }
        }
        _ = try await perform(session.connectionClosed())
    }

    /// Adds TLS in front of the pipeline and waits for the handshake; its failure is a `tlsFailed` error.
    private func startTLS() async throws {
        let (channel, client) = (channel, client)
        let handshake = channel.eventLoop.makePromise(of: Void.self)
        try await channel.eventLoop.submit {
            let tls = try client.tlsHandler()
            try channel.pipeline.syncOperations.addHandler(tls, position: .first)
            try channel.pipeline.syncOperations.addHandler(
                TLSHandshakeWaiter(promise: handshake), position: .after(tls))
        }.get()
        do {
            try await handshake.futureResult.get()
        } catch {
            throw SMTPClientError.tlsFailed(host: client.configuration.host, reason: "\(error)")
        }
    }

    /// Performs `actions`; true once the conversation is over.
    private mutating func perform(_ actions: [SMTPSession.Action]) async throws -> Bool {
        var pending = actions[...]
        while let action = pending.popFirst() {
            switch action {
            case .send(let command):
                try await outbound.write(ByteBuffer(string: command + "\r\n"))
            case .sendMessage(let text):
                try await outbound.write(ByteBuffer(string: text))
            case .startTLS:
                try await startTLS()
                pending.append(contentsOf: session.tlsEstablished())
            case .delivered:
                continue
            case .close:
                return true
            case .fail(let error):
                throw SMTPClientError.smtp(error)
            }
        }
        return false
    }
}
