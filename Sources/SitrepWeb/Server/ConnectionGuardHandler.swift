import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes a connection of the web server that is idle or slow, by `ConnectionDeadlines`, keeps the server under
/// its connection limit through `ConnectionRegistry`, and drains the rest of a request answered before it was
/// read whole (a 413; the answer gets `Connection: close`), so the client that writes its whole body first still
/// reads the answer.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var deadlines: ConnectionDeadlines<ContinuousClock.Instant>
    private let registry: ConnectionRegistry
    private var id: Int?
    private var timer: Scheduled<Void>?
    private var timerDeadline: ContinuousClock.Instant?
    /// What the registry was last told the connection is doing.
    private var reportedActivity = ConnectionTable.Activity.idle

    init(limits: WebServerLimits, registry: ConnectionRegistry) {
        self.deadlines = ConnectionDeadlines(limits: limits, openedAt: .now)
        self.registry = registry
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard let id = registry.opened(context.channel) else { return }
        self.id = id
        armTimer(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        if let id { registry.closed(id) }
        id = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        if let id { registry.closed(id) }
        id = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !deadlines.isDraining else { return }
        let now = ContinuousClock.now
        switch unwrapInboundIn(data) {
        case .head(let request):
            deadlines.headRead(at: now, closes: Self.closes(request.headerFields))
        case .body:
            deadlines.bodyRead(at: now)
        case .end:
            deadlines.endRead(at: now)
        }
        reportActivity()
        armTimer(context)
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if deadlines.isDraining {
            context.read()
        } else {
            context.fireChannelReadComplete()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if deadlines.isDraining, let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var response):
            let closes = Self.closes(response.headerFields)
            guard deadlines.answerHeadWritten(closes: closes), !closes else {
                context.write(data, promise: promise)
                return
            }
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            switch deadlines.answerEnded(at: .now) {
            case .close:
                context.writeAndFlush(data, promise: promise)
                context.close(promise: nil)
            case .startDraining:
                context.writeAndFlush(data, promise: promise)
                context.close(mode: .output, promise: nil)
                context.read()
                reportActivity()
                armTimer(context)
            case .none:
                context.write(data, promise: promise)
                reportActivity()
                armTimer(context)
            }
        }
    }

    /// Tells the registry when the connection changed between idle, reading and answering.
    private func reportActivity() {
        let activity = deadlines.activity
        guard activity != reportedActivity, let id else { return }
        reportedActivity = activity
        registry.update(id, activity)
    }

    /// Makes sure a timer fires no later than the current deadline.
    private func armTimer(_ context: ChannelHandlerContext) {
        guard let deadline = deadlines.deadline else { return }
        if let timerDeadline, timerDeadline <= deadline { return }
        timer?.cancel()
        timerDeadline = deadline
        let loopBound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: TimeAmount(deadline - .now)) {
            let (handler, context) = loopBound.value
            handler.timer = nil
            handler.timerDeadline = nil
            if handler.deadlines.timerFired(at: .now) == .close {
                context.close(promise: nil)
            } else {
                handler.armTimer(context)
            }
        }
    }

    /// Whether `fields` carry `Connection: close`.
    static func closes(_ fields: HTTPFields) -> Bool {
        fields[values: .connection].contains { value in
            value.split(separator: ",").contains { $0.lowercased().filter { $0 != " " && $0 != "\t" } == "close" }
        }
    }
}
