import Hummingbird
import HTTPTypes

/// Admits a request on a TCP listener only with `Authorization: Bearer <token>`
/// naming a token of the token file; otherwise 401. Unix-socket listeners do
/// not use it: there the socket file's permissions are the access control.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: BearerTokens

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            // Browsers and calendar apps cannot send a header: the dashboard and the
            // calendar feeds (read-only GETs) also take the token as `?token=`.
            if request.method == .get, Self.takesQueryToken(request.uri.path),
               let token = request.uri.queryParameters["token"], !token.isEmpty {
                guard tokens.accepts(token) else { throw Self.unauthorized("invalid bearer token") }
                return try await next(request, context)
            }
            throw Self.unauthorized("missing Authorization: Bearer token")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Self.unauthorized("the Authorization header must be \"Bearer <token>\"")
        }
        guard tokens.accepts(parts[1].drop { $0 == " " }) else {
            throw Self.unauthorized("invalid bearer token")
        }
        return try await next(request, context)
    }

    /// The read-only pages a browser or a calendar app opens by URL.
    static func takesQueryToken(_ path: String) -> Bool {
        path == "/dashboard" || (path.hasPrefix("/v1/reps/") && path.hasSuffix("/calendar.ics"))
    }

    private static func unauthorized(_ message: String) -> APIError {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Bearer realm=\"followupd\""
        return APIError(status: .unauthorized, message: message, headers: headers)
    }
}
