import AsyncHTTPClient
import FollowUpPostgres
import FollowUpRules
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// A standby's answer to writes (several nodes on PostgreSQL): reads are
/// answered from the database by the standby itself, and every other
/// request an API route takes (`POST /v1/events`, outbox retry and drop,
/// reload, …) is sent on to the leader's `advertise:` address and its answer
/// returned as it is. With no leader known, or one that does not answer,
/// the write is refused `503` with `Retry-After: 1`; with a leader that
/// advertises no address, `503` naming it, so the client posts there. A
/// reload is checked here first (``StandbyRuleCheck``): this node's files
/// are validated and recorded, and the leader puts that record in force.
///
/// The forwarded request carries `Followupd-Forwarded-By`: a node that gets
/// one while it is a standby itself (the lease moved meanwhile) answers 503
/// rather than sending it on again, so a request never goes round.
struct LeaderForwarding: RouterMiddleware {
    typealias Context = BasicRequestContext
    static let forwardedBy = HTTPField.Name("Followupd-Forwarded-By")!

    let leader: KnownLeader
    /// This node's name in the lease (sent in ``forwardedBy``).
    let node: String
    let maxBodyBytes: Int
    let logger: Logger
    /// Tokens to present for a caller that sent none (it came through a Unix socket) when the leader is on TCP.
    var tokens: BearerTokens? = nil
    /// How long the leader may take to answer a forwarded write: the lease's
    /// TTL (5 s). A write takes the leader milliseconds; one that has not
    /// answered by then is paused or cut off, and its lease lapses about
    /// then, so the client's retry (same `Idempotency-Key`) finds whoever
    /// leads next instead of waiting on a process that may never wake.
    var timeout: TimeAmount = .seconds(5)
    /// Validates and records this node's rule files before a reload is forwarded (nil: forwarded as it is).
    var ruleCheck: StandbyRuleCheck? = nil

    /// The same, presenting one of `tokens` for callers that came without one.
    func carrying(_ tokens: BearerTokens?) -> LeaderForwarding {
        var copy = self
        copy.tokens = tokens
        return copy
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = Substring(request.uri.path)
        // Reads are answered here; a path no route takes gets the router's 404 or 405.
        guard request.method != .get, request.method != .head, APIRouter.routes.route(request.method, path: path) != nil else {
            return try await next(request, context)
        }
        if let from = request.headers[Self.forwardedBy] {
            throw APIError.retryLater("no leader yet: \(from) forwarded this write here, but this node is a standby (the lease is moving); retry")
        }
        guard let sighting = leader.current, let holder = sighting.holder else {
            throw APIError.retryLater("no leader yet: no node holds the lease; this node is a standby, retry")
        }
        guard let advertised = sighting.advertise, let address = ListenAddress(advertised: advertised) else {
            throw APIError.retryLater("this node is a standby and \(holder) leads without an `advertise:` address: post writes to \(holder)")
        }
        if request.method == .post, path == "/v1/rules/reload", let ruleCheck, let refusal = await ruleCheck.refusal() {
            return refusal
        }
        return try await forward(request, to: address, leader: holder, scope: APIRouter.scope(for: request.method, path: path))
    }

    private func forward(_ request: Request, to address: ListenAddress, leader holder: String,
                         scope: TokenScope) async throws -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw APIError(status: .contentTooLarge, message: "request body over \(maxBodyBytes) bytes (max_body_bytes)")
        }
        let target = request.head.path ?? "/"
        let url: String
        switch address {
        case .unix(let socket):
            guard let made = URL(httpURLWithSocketPath: socket, uri: target) else {
                throw APIError.retryLater("no leader yet: \(holder)'s address \(address.advertised) cannot be reached; retry")
            }
            url = made.absoluteString
        case .tcp:
            url = address.advertised + target
        }
        var outbound = HTTPClientRequest(url: url)
        outbound.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers where !Self.hopByHop.contains(field.name) {
            outbound.headers.add(name: field.name.rawName, value: field.value)
        }
        if case .tcp = address, request.headers[.authorization] == nil, let token = tokens?.token(granting: scope) {
            outbound.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        outbound.headers.add(name: Self.forwardedBy.rawName, value: node)
        outbound.body = .bytes(body)
        let sent = outbound
        do {
            // The answer's head by the deadline; its body is bounded by the client's read timeout.
            let deadline = NIODeadline.now() + timeout
            let (status, headers, bytes) = try await leader.forwarding {
                let answer = try await Self.client.execute(sent, deadline: deadline)
                return (answer.status, answer.headers, try await answer.body.collect(upTo: Int.max))
            }
            var fields = HTTPFields()
            for (name, value) in headers {
                guard let field = HTTPField.Name(name), !Self.hopByHop.contains(field) else { continue }
                fields.append(HTTPField(name: field, value: value))
            }
            return Response(status: HTTPResponse.Status(code: Int(status.code)), headers: fields,
                            body: ResponseBody(byteBuffer: bytes))
        } catch where leader.tookOver {
            throw APIError.retryLater("no leader yet: this node took over as the leader while \(holder) had the write; retry here, with the same Idempotency-Key for events")
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            logger.warning("standby: the leader \(holder) at \(address.advertised) did not answer a forwarded \(request.method) \(request.uri.path) within \(timeout.nanoseconds / 1_000_000_000) s")
            throw APIError.retryLater("no leader yet: the leader \(holder) at \(address.advertised) did not answer within \(timeout.nanoseconds / 1_000_000_000) s (paused or cut off: its lease lapses); retry, with the same Idempotency-Key for events")
        } catch {
            // It may have applied the write before it went away: a client retries with the same Idempotency-Key.
            logger.warning("standby: the leader \(holder) at \(address.advertised) did not answer a forwarded \(request.method) \(request.uri.path): \(error)")
            throw APIError.retryLater("no leader yet: the leader \(holder) at \(address.advertised) did not answer (\(error)); retry, with the same Idempotency-Key for events")
        }
    }

    /// One client for the process (never shut down: it lives as long as the
    /// daemon). A leader that is gone must be a quick 503, not a request that
    /// waits out its timeout while connections are tried again and again.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(1)
        // A leader paused halfway through its answer's body: no longer than the deadline waits for the head.
        configuration.timeout.read = .seconds(5)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Headers about one connection, not the request: the forwarded request has its own.
    static let hopByHop: Set<HTTPField.Name> = [
        .connection, .contentLength, .transferEncoding, .te, .trailer, .upgrade,
        HTTPField.Name("Keep-Alive")!,
    ]
}
