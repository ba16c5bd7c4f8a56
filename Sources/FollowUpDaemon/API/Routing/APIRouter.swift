import FollowUpCore
import FollowUpRules
import Hummingbird
import HTTPTypes
import Logging

/// Builds the API's router: the same endpoints on every listener; TCP
/// listeners also demand a bearer token.
enum APIRouter {
    /// Every endpoint, listed once: registered below and consulted for 405s.
    static let routes: [APIRoute] = [
        APIRoute(.post, "/v1/events", .write) { api, request, _, source in try await api.postEvents(request, source: source) },
        APIRoute(.get, "/v1/leads", .read) { api, request, _, _ in try await api.leads(request) },
        APIRoute(.get, "/v1/leads/:id", .read) { api, request, context, _ in try await api.lead(request, context: context) },
        APIRoute(.get, "/v1/leads/:id/events", .read) { api, request, context, _ in try await api.leadEvents(request, context: context) },
        APIRoute(.post, "/v1/leads/:id/erase", .admin) { api, request, context, _ in try await api.eraseLead(request, context: context) },
        APIRoute(.get, "/v1/reps", .read) { api, request, _, _ in try await api.reps(request) },
        APIRoute(.get, "/v1/reps/:id/queue", .read) { api, request, context, _ in try await api.queue(request, context: context) },
        APIRoute(.post, "/v1/rules/reload", .admin) { api, request, _, _ in try await api.reloadRules(request) },
        APIRoute(.post, "/v1/rules/preview", .admin) { api, request, _, _ in try await api.previewRules(request) },
        APIRoute(.get, "/v1/reps/:id/calendar.ics", .read) { api, request, context, _ in try await api.calendar(request, context: context) },
        APIRoute(.get, "/v1/report", .read) { api, request, _, _ in try await api.report(request) },
        APIRoute(.get, "/dashboard", .read) { api, request, _, _ in try await api.dashboard(request) },
        APIRoute(.get, "/v1/outbox", .admin) { api, request, _, _ in try await api.outboxList(request) },
        APIRoute(.post, "/v1/outbox/:id/retry", .admin) { api, request, context, _ in try await api.outboxRetry(request, context: context) },
        APIRoute(.delete, "/v1/outbox/:id", .admin) { api, request, context, _ in try await api.outboxDrop(request, context: context) },
        APIRoute(.post, "/v1/backup", .admin) { api, request, _, _ in try await api.backup(request) },
        APIRoute(.get, "/v1/status", .read) { api, request, _, _ in try await api.status(request) },
        APIRoute(.get, "/healthz", .read) { api, request, _, _ in try await api.healthz(request) },
        APIRoute(.get, "/metrics", .read) { api, request, _, _ in try await api.metrics(request) },
    ]

    /// The scope a token needs for `method` on `path`: the route's, `admin` for
    /// the testing clock, and `read` for a path no route answers (so only a
    /// token holder learns that it is a 404 or a 405).
    static func scope(for method: HTTPRequest.Method, path: Substring) -> TokenScope {
        if let route = routes.route(method, path: path) { return route.scope }
        return path == "/v1/testing/clock" ? .admin : .read
    }

    /// - Parameters:
    ///   - source: what the event log records as the sender (`api`, `api:tcp`).
    ///   - tokens: the bearer tokens to demand, nil on a Unix socket.
    ///   - forwarding: a standby's: every write goes to the leader (after authentication, so it is the caller's token that counts).
    static func make(endpoints: APIEndpoints, source: String, tokens: BearerTokens?,
                     forwarding: LeaderForwarding? = nil) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        // Added first, so it is outermost: it also renders 401s and the router's misses.
        router.add(middleware: APIErrorMiddleware(routes: routes, logger: endpoints.logger))
        if let tokens { router.add(middleware: BearerAuthMiddleware(tokens: tokens, probe: { await endpoints.probe() })) }
        // After authentication: without a token a request learns nothing of its query.
        router.add(middleware: RepeatedParameterMiddleware())
        if let forwarding { router.add(middleware: forwarding) }
        for route in routes {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await route.handler(endpoints, request, context, source)
            }
        }
        if endpoints.testing != nil {
            router.on(RouterPath("/v1/testing/clock"), method: .post) { request, _ in
                try await endpoints.advanceTestingClock(request)
            }
        }
        return router
    }
}
