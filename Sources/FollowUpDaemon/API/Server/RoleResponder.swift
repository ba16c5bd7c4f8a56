import HTTPTypes
import Hummingbird
import Synchronization

/// What one listener answers with, by the node's role: a listener stays
/// bound while its node goes from standby to leader (several nodes on
/// PostgreSQL), and only the router behind it changes. Between two routers
/// (the hand-over after the lease is won, the wind-down of a stop) it
/// answers 503 with `Retry-After: 1`, so a client sees a retryable answer
/// instead of a refused or reset connection.
final class RoleResponder: HTTPResponder, Sendable {
    typealias Context = BasicRequestContext

    private enum Answer {
        case router(RouterResponder<BasicRequestContext>)
        case unavailable(String)
    }
    private let answer: Mutex<Answer>

    /// Answers with `router`.
    init(_ router: Router<BasicRequestContext>) {
        answer = Mutex(.router(router.buildResponder()))
    }

    /// Answers every request with `responder` (a built router) from now on.
    func serve(_ responder: RouterResponder<BasicRequestContext>) {
        answer.withLock { $0 = .router(responder) }
    }

    /// Answers every request 503 (`Retry-After: 1`) with `reason` from now on.
    func pause(_ reason: String) {
        answer.withLock { $0 = .unavailable(reason) }
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        switch answer.withLock({ $0 }) {
        case .router(let responder):
            return try await responder.respond(to: request, context: context)
        case .unavailable(let reason):
            return APIError.retryLater(reason).response
        }
    }
}

extension APIError {
    /// A 503 with `Retry-After: 1`: the node cannot answer this now, another try soon may.
    static func retryLater(_ message: String) -> APIError {
        var headers = HTTPFields()
        headers[.retryAfter] = "1"
        return APIError(status: .serviceUnavailable, message: message, headers: headers)
    }
}
