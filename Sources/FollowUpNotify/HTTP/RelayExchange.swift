import NIOCore
import NIOHTTP1

/// One POST handed to a ``RelayExchangeHandler``: what to write, when to give
/// up, and where the answer goes.
struct RelayRequest: Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer
    var deadline: NIODeadline
    var answer: EventLoopPromise<RelayAnswer>
}

/// What a relay answered: the status, the start of its body (for the
/// outbox's `last_error`), and whether the connection may carry another request.
struct RelayAnswer: Sendable {
    var status: Int
    var text: String
    var keepAlive: Bool
}

/// How an exchange failed when the network itself did not say.
enum RelayExchangeError: Error, Equatable {
    /// No answer within the receiver's `timeout`.
    case timedOut
    /// The relay closed the connection before answering; on a reused
    /// keep-alive connection this is the relay's idle timeout racing our
    /// request, and the request goes again on a fresh connection.
    case closedBeforeAnswer
    /// The relay closed the connection in the middle of its answer.
    case closedMidAnswer
}

/// The last handler of a keep-alive connection to a relay: writes one request
/// at a time (the pool never hands a busy connection out) and completes its
/// promise with the answer, a timeout, or the connection's failure. Runs on the
/// channel's event loop only, so its state needs no lock.
final class RelayExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = RelayRequest
    typealias OutboundOut = HTTPClientRequestPart

    /// Only the start of an answer is kept: it is for the logs, and a relay
    /// that streams megabytes back must not cost memory.
    static let keptAnswerBytes = 64 << 10

    private var answer: EventLoopPromise<RelayAnswer>?
    private var status = 0
    private var keepAlive = true
    private var text = ByteBuffer()
    private var answering = false
    private var timer: Scheduled<Void>?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        answer = request.answer
        status = 0
        keepAlive = true
        answering = false
        text.clear()
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: request.deadline) { [self] in
            finish(.failure(RelayExchangeError.timedOut))
            context.close(promise: nil)
        }
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(request.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            answering = true
            status = Int(head.status.code)
            keepAlive = head.isKeepAlive
        case .body(var part):
            let room = Self.keptAnswerBytes - text.readableBytes
            if room > 0, let kept = part.readSlice(length: min(room, part.readableBytes)) { text.writeImmutableBuffer(kept) }
        case .end:
            // A 1xx head is followed by the real one; NIO's decoder hands only final answers an end.
            finish(.success(RelayAnswer(status: status, text: String(buffer: text), keepAlive: keepAlive)))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(answering ? RelayExchangeError.closedMidAnswer : RelayExchangeError.closedBeforeAnswer))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // Idle for the pool's idle timeout with no request: let the relay's socket go.
        if event is IdleStateHandler.IdleStateEvent, answer == nil { context.close(promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    private func finish(_ result: Result<RelayAnswer, any Error>) {
        guard let answer else { return }
        self.answer = nil
        timer?.cancel()
        timer = nil
        answer.completeWith(result)
    }
}
