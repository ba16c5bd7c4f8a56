import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A receiver's keep-alive HTTP/1.1 connections to one plain-`http://` relay,
/// on SwiftNIO directly: a request takes an idle connection or opens one,
/// and gives it back when the answer allows. The lane bounds how many
/// requests are in flight, so the pool holds at most that many connections.
///
/// Why not AsyncHTTPClient here: profiled at about 125 µs of CPU per request
/// (its request state machines, a task and several futures per request),
/// it was most of the daemon's CPU per notification against a local relay.
/// https URLs still go through it (TLS, certificate checks).
///
/// Redirects are never followed (a 3xx is an answer like any other); a
/// connection that the relay closed while idle is noticed on use and the
/// request goes again once on a fresh one (relays dedupe by `Idempotency-Key`).
final class KeepAlivePool: Sendable {
    let target: PlainHTTPTarget
    private let group: any EventLoopGroup
    private let connectTimeout: TimeAmount
    private let most: Int
    private let idle = Mutex<[any Channel]>([])
    /// How long an unused connection is kept open.
    static let idleTimeout = TimeAmount.seconds(60)

    init(target: PlainHTTPTarget, connectTimeout: TimeAmount, most: Int,
         group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.target = target
        self.group = group
        self.connectTimeout = connectTimeout
        self.most = max(1, most)
    }

    /// POSTs `body` with `headers` (everything but `Content-Length`, and `Host`
    /// unless configured) and returns the answer; throws on network failure or timeout.
    func post(headers: HTTPHeaders, body: ByteBuffer, timeout: TimeAmount) async throws -> RelayAnswer {
        try await send(headers: headers, body: body, timeout: timeout).get()
    }

    /// ``post(headers:body:timeout:)`` without a task: the answer as a future,
    /// for a lane that starts requests and takes their answers as they come.
    func send(headers: HTTPHeaders, body: ByteBuffer, timeout: TimeAmount) -> EventLoopFuture<RelayAnswer> {
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: target.requestTarget, headers: headers)
        // A configured `Host` (a relay behind an address of its own) wins.
        if !head.headers.contains(name: "Host") { head.headers.add(name: "Host", value: target.hostHeader) }
        head.headers.add(name: "Content-Length", value: String(body.readableBytes))
        let deadline = NIODeadline.now() + timeout
        let request = head
        guard let reused = takeIdle() else {
            return connect(deadline: deadline).flatMap { self.exchange(request, body, deadline: deadline, on: $0) }
        }
        return exchange(request, body, deadline: deadline, on: reused).flatMapError { error in
            // The relay let the idle connection go as we wrote on it: one more try, on a fresh one.
            guard Self.isStale(error) else { return reused.eventLoop.makeFailedFuture(error) }
            return self.connect(deadline: deadline).flatMap { self.exchange(request, body, deadline: deadline, on: $0) }
        }
    }

    /// Closes the idle connections (requests in flight finish on theirs).
    func shutdown() async {
        let channels = idle.withLock { idle in defer { idle.removeAll() }; return idle }
        for channel in channels { try? await channel.close() }
    }

    private func exchange(_ head: HTTPRequestHead, _ body: ByteBuffer, deadline: NIODeadline,
                          on channel: any Channel) -> EventLoopFuture<RelayAnswer> {
        let promise = channel.eventLoop.makePromise(of: RelayAnswer.self)
        // A write on a connection closed meanwhile never reaches the handler: fail the answer with it.
        channel.writeAndFlush(RelayRequest(head: head, body: body, deadline: deadline, answer: promise))
            .whenFailure { promise.fail($0) }
        return promise.futureResult.always { result in
            if case .success(let answer) = result, answer.keepAlive { self.giveBack(channel) } else { channel.close(promise: nil) }
        }
    }

    private func connect(deadline: NIODeadline) -> EventLoopFuture<any Channel> {
        let wait = min(connectTimeout, deadline - .now())
        return ClientBootstrap(group: group)
            .connectTimeout(max(wait, .milliseconds(1)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // One handler: the request as one buffer, the answer read in place, the idle timeout.
                    try channel.pipeline.syncOperations.addHandler(RelayExchangeHandler(idleTimeout: Self.idleTimeout))
                }
            }
            .connect(host: target.host, port: target.port)
    }

    private func takeIdle() -> (any Channel)? {
        idle.withLock { idle in
            while let channel = idle.popLast() {
                if channel.isActive { return channel }
            }
            return nil
        }
    }

    private func giveBack(_ channel: any Channel) {
        let kept = idle.withLock { idle in
            guard idle.count < most else { return false }
            idle.append(channel)
            return true
        }
        if !kept { channel.close(promise: nil) }
    }

    /// A failure that means the reused connection was already gone, before any answer.
    static func isStale(_ error: any Error) -> Bool {
        switch error {
        case RelayExchangeError.closedBeforeAnswer: return true
        case ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed, ChannelError.outputClosed: return true
        case let error as IOError: return error.errnoCode == ECONNRESET || error.errnoCode == EPIPE
        default: return false
        }
    }
}
