import FollowUpCore
import Hummingbird
import HTTPTypes
import Logging

/// Builds the API's router: the same endpoints on every listener; TCP
/// listeners also demand a bearer token.
enum APIRouter {
    /// Every endpoint, listed once: registered below and consulted for 405s.
    static let routes: [APIRoute] = [
        APIRoute(.post, "/v1/events") { api, request, _, source in try await api.postEvents(request, source: source) },
        APIRoute(.get, "/v1/leads") { api, request, _, _ in try await api.leads(request) },
        APIRoute(.get, "/v1/leads/:id") { api, request, context, _ in try await api.lead(request, context: context) },
        APIRoute(.get, "/v1/leads/:id/events") { api, request, context, _ in try await api.leadEvents(request, context: context) },
        APIRoute(.get, "/v1/reps") { api, request, _, _ in try await api.reps(request) },
        APIRoute(.get, "/v1/reps/:id/queue") { api, request, context, _ in try await api.queue(request, context: context) },
        APIRoute(.post, "/v1/rules/reload") { api, request, _, _ in try await api.reloadRules(request) },
        APIRoute(.post, "/v1/rules/preview") { api, request, _, _ in try await api.previewRules(request) },
        APIRoute(.get, "/v1/reps/:id/calendar.ics") { api, request, context, _ in try await api.calendar(request, context: context) },
        APIRoute(.get, "/v1/report") { api, request, _, _ in try await api.report(request) },
        APIRoute(.get, "/dashboard") { api, request, _, _ in try await api.dashboard(request) },
        APIRoute(.get, "/v1/outbox") { api, request, _, _ in try await api.outboxList(request) },
        APIRoute(.post, "/v1/outbox/:id/retry") { api, request, context, _ in try await api.outboxRetry(request, context: context) },
        APIRoute(.delete, "/v1/outbox/:id") { api, request, context, _ in try await api.outboxDrop(request, context: context) },
        APIRoute(.get, "/v1/status") { api, request, _, _ in try await api.status(request) },
        APIRoute(.get, "/healthz") { api, request, _, _ in try await api.healthz(request) },
        APIRoute(.get, "/metrics") { api, request, _, _ in try await api.metrics(request) },
    ]

    /// - Parameters:
    ///   - source: what the event log records as the sender (`api`, `api:tcp`).
    ///   - tokens: the bearer tokens to demand, nil on a Unix socket.
    static func make(endpoints: APIEndpoints, source: String, tokens: BearerTokens?) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        // Added first, so it is outermost: it also renders 401s and the router's misses.
        router.add(middleware: APIErrorMiddleware(routes: routes, logger: endpoints.logger))
        if let tokens { router.add(middleware: BearerAuthMiddleware(tokens: tokens)) }
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
