import FollowUpRules
import Hummingbird

/// One endpoint of the API: a method, a path pattern (`:name` matches one
/// segment) and the handler that answers it.
///
/// The routes are listed once (``APIRouter``) and used twice: to register the
/// handlers, and to tell a wrong method (405 with `Allow`) from an unknown path
/// (404), which Hummingbird's router does not distinguish.
struct APIRoute: Sendable {
    /// Answers a request; `source` is what the event log records as the sender.
    typealias Handler = @Sendable (_ endpoints: APIEndpoints, _ request: Request, _ context: BasicRequestContext,
                                   _ source: String) async throws -> Response

    var method: HTTPRequest.Method
    var path: String
    /// What a bearer token must grant (``FollowUpRules/TokenScope/grants(_:)``): `read`, `write` or `admin`.
    var scope: TokenScope
    var handler: Handler

    init(_ method: HTTPRequest.Method, _ path: String, _ scope: TokenScope, handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.scope = scope
        self.handler = handler
    }

    /// Whether `requestPath` (as sent, percent-encoded) has this route's shape.
    func matches(path requestPath: Substring) -> Bool {
        let pattern = path.split(separator: "/", omittingEmptySubsequences: true)
        let actual = requestPath.split(separator: "/", omittingEmptySubsequences: true)
        guard pattern.count == actual.count else { return false }
        return zip(pattern, actual).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }
}

extension Array where Element == APIRoute {
    /// The route that answers `method` on `path`, if any.
    func route(_ method: HTTPRequest.Method, path: Substring) -> APIRoute? {
        first { $0.method == method && $0.matches(path: path) }
    }

    /// The methods some route allows on `path`, in listing order; empty when no route has that path.
    func methods(allowedOn path: Substring) -> [HTTPRequest.Method] {
        var out: [HTTPRequest.Method] = []
        for route in self where route.matches(path: path) && !out.contains(route.method) { out.append(route.method) }
        return out
    }
}
