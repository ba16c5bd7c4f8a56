import FollowUpRules
import Foundation
import Hummingbird
import HTTPTypes

/// Admits a request on a TCP listener only with a token of the token file
/// whose scope grants what the route needs (``APIRoute/scope``): 401 without
/// a known token, 403 naming the scope needed otherwise. Unix-socket listeners
/// do not use it: there the socket file's permissions are the access control.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: BearerTokens
    /// The answer to `GET /healthz` without a token (``APIEndpoints/probe()``).
    let probe: @Sendable () async -> Response

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        // Probes (a load balancer, Kubernetes) hold no token: /healthz answers them
        // whether the daemon is ready, and nothing more. A token sent is still checked.
        if request.method == .get, path == "/healthz", request.headers[.authorization] == nil {
            return await probe()
        }
        let needed = APIRouter.scope(for: request.method, path: Substring(path))
        // Browsers and calendar apps cannot send a header: the dashboard and the
        // calendar feeds also take the token as `?token=`, but only a read or feed
        // token, since URLs end up in browser histories, proxy logs and calendar apps.
        if request.method == .get, Self.takesQueryToken(path),
           let token = request.uri.queryParameters["token"], !token.isEmpty {
            guard let scope = tokens.scope(of: token) else { throw Self.unauthorized("invalid bearer token", needed) }
            guard scope.mayTravelInURL else {
                throw Self.forbidden("a \(scope) token must not be sent in a URL (?token=), where browser histories and logs keep it: "
                                     + "revoke it, and give this page a read token or a feed:REP token", needed)
            }
            try Self.authorize(scope, needed: needed, path: path)
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization] else {
            throw Self.unauthorized("missing Authorization: Bearer token", needed)
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Self.unauthorized("the Authorization header must be \"Bearer <token>\"", needed)
        }
        guard let scope = tokens.scope(of: parts[1].drop { $0 == " " }) else {
            throw Self.unauthorized("invalid bearer token", needed)
        }
        try Self.authorize(scope, needed: needed, path: path)
        return try await next(request, context)
    }

    /// Throws the 403 when a token of `scope` may not do what `needed` grants on `path`.
    static func authorize(_ scope: TokenScope, needed: TokenScope, path: String) throws {
        if case .feed(let rep) = scope {
            // A feed token opens its rep's calendar feed and nothing else.
            guard needed == .read, Self.feedRep(path) == rep else {
                throw forbidden("this token opens only the calendar feed of rep \"\(rep)\" (GET /v1/reps/\(rep)/calendar.ics); "
                                + "this needs a token with scope \(needed)", needed)
            }
            return
        }
        guard scope.grants(needed) else {
            throw forbidden("this needs a token with scope \(needed); this token has scope \(scope)", needed)
        }
    }

    /// The read-only pages a browser or a calendar app opens by URL: the
    /// dashboard, the calendar feeds, and one lead's record, which the
    /// dashboard's rows link to when no `lead_url` is configured.
    static func takesQueryToken(_ path: String) -> Bool {
        path == "/dashboard" || feedRep(path) != nil || isLeadRecord(path)
    }

    /// `/v1/leads/ID` (one segment after it, not `/events` or `/erase`).
    static func isLeadRecord(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return segments.count == 4 && segments[0].isEmpty && segments[1] == "v1" && segments[2] == "leads" && !segments[3].isEmpty
    }

    /// The rep whose calendar feed `path` is (`/v1/reps/alice/calendar.ics`), percent-decoded.
    static func feedRep(_ path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count == 5, segments[0].isEmpty, segments[1] == "v1", segments[2] == "reps",
              segments[4] == "calendar.ics" else { return nil }
        return PathSegment.decoded(segments[3]).flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func unauthorized(_ message: String, _ needed: TokenScope) -> APIError {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Bearer realm=\"followupd\""
        var error = APIError(status: .unauthorized, message: message, headers: headers)
        error.scope = needed.description
        return error
    }

    private static func forbidden(_ message: String, _ needed: TokenScope) -> APIError {
        var error = APIError(status: .forbidden, message: message)
        error.scope = needed.description
        return error
    }
}
