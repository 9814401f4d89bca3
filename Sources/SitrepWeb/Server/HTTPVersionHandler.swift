import NIOCore
import NIOHTTP1

/// Answers each request in its own HTTP version, and makes a request that does not keep the connection alive
/// (HTTP/1.0 without `Connection: keep-alive`, or `Connection: close`) say `Connection: close` in the form
/// Hummingbird and `ConnectionGuardHandler` look for, so the connection closes after the answer.
///
/// Sits between NIO's HTTP/1 codec and the conversion to HTTPTypes, which drops the version (every answer went
/// out as HTTP/1.1 and an HTTP/1.0 client such as `ab` waited for a close that never came).
final class HTTPVersionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The requests read and not yet answered, oldest first (HTTP/1.1 pipelining).
    private var unanswered = CircularBuffer<(version: HTTPVersion, keepAlive: Bool)>()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        let keepAlive = head.isKeepAlive
        unanswered.append((head.version, keepAlive))
        if !keepAlive {
            head.headers.replaceOrAdd(name: "connection", value: "close")
        }
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data), head.status.code >= 200,
            let request = unanswered.popFirst()
        else {
            context.write(data, promise: promise)
            return
        }
        head.version = request.version
        if !request.keepAlive {
            head.headers.replaceOrAdd(name: "connection", value: "close")
        } else if request.version == .http1_0 {
            head.headers.replaceOrAdd(name: "connection", value: "keep-alive")
        }
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}
