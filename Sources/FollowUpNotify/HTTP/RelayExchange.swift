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
    /// What came back is no HTTP/1.x answer.
    case malformedAnswer
}

/// The one handler of a keep-alive connection to a relay: writes one request
/// at a time as one buffer (``RelayRequestBytes``; the pool never hands a
/// busy connection out), reads the answer (``RelayAnswerReader``) and
/// completes the request's promise with it, a timeout, or the connection's
/// failure. Closes the connection when it has been idle for the pool's idle
/// timeout. Runs on the channel's event loop only, so its state needs no lock.
///
/// One handler rather than NIO's HTTP codec and an idle-state handler: every
/// read and write went through four handlers, and the answer came as three
/// events (issue 16).
final class RelayExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = RelayRequest
    typealias OutboundOut = ByteBuffer

    private let idleTimeout: TimeAmount
    private var answer: EventLoopPromise<RelayAnswer>?
    private var reader = RelayAnswerReader()
    private var received: ByteBuffer?
    /// When the request in flight times out.
    private var deadline = NIODeadline.distantFuture
    private var lastUsed = NIODeadline.now()
    /// The connection's one timer, for both the request's timeout and the
    /// idle timeout: scheduled and cancelled per request it was a measurable
    /// share of the event loop's time (issue 16). Every request has the
    /// receiver's timeout, so a later request's deadline is later: the timer
    /// is moved only when it would fire after the new deadline, and when it
    /// fires early it looks again at what is due then.
    private var wake: Scheduled<Void>?
    private var wakeAt = NIODeadline.distantFuture

    init(idleTimeout: TimeAmount) {
        self.idleTimeout = idleTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        arm(context: context, at: .now() + idleTimeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        wake?.cancel()
        wake = nil
    }

    private func arm(context: ChannelHandlerContext, at time: NIODeadline) {
        wake?.cancel()
        wakeAt = time
        wake = context.eventLoop.assumeIsolated().scheduleTask(deadline: time) { [self] in woke(context: context) }
    }

    /// The timer fired: time the request out, or close an idle connection, or wait for what is due next.
    private func woke(context: ChannelHandlerContext) {
        wake = nil
        wakeAt = .distantFuture
        let now = NIODeadline.now()
        let due = answer == nil ? lastUsed + idleTimeout : deadline
        guard due <= now else { return arm(context: context, at: due) }
        if answer != nil { finish(.failure(RelayExchangeError.timedOut)) }
        context.close(promise: nil)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        let bytes: ByteBuffer
        do {
            bytes = try RelayRequestBytes.encode(request.head, body: request.body, allocator: context.channel.allocator)
        } catch {
            promise?.fail(error)
            request.answer.fail(error)
            return
        }
        answer = request.answer
        reader = RelayAnswerReader()
        received?.clear()
        deadline = request.deadline
        if wakeAt > deadline { arm(context: context, at: deadline) }
        context.writeAndFlush(wrapOutboundOut(bytes), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        guard answer != nil else {
            // Bytes nobody asked for: the connection is out of step; let it go.
            context.close(promise: nil)
            return
        }
        if var kept = received, kept.readableBytes > 0 {
            kept.writeBuffer(&bytes)
            bytes = kept
        }
        do {
            if var done = try reader.read(&bytes) {
                // More bytes after the answer: out of step, do not reuse.
                if bytes.readableBytes > 0 { done.keepAlive = false }
                received = nil
                finish(.success(done))
                return
            }
            received = bytes
        } catch {
            finish(.failure(error))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let done = reader.readClose() {
            finish(.success(done))
        } else {
            finish(.failure(reader.started ? RelayExchangeError.closedMidAnswer : RelayExchangeError.closedBeforeAnswer))
        }
        wake?.cancel()
        wake = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.close(promise: nil)
    }

    private func finish(_ result: Result<RelayAnswer, any Error>) {
        guard let answer else { return }
        self.answer = nil
        lastUsed = .now()
        deadline = .distantFuture
        answer.completeWith(result)
    }
}
