import Hummingbird
import ServiceLifecycle

/// The leader's API on listeners its node bound as a standby: in the
/// daemon's group where new listeners would be, so the order of a graceful
/// stop is kept. It puts the leader's routers behind the listeners when the
/// group runs, and answers 503 (`Retry-After: 1`) from the moment the stop
/// begins, as a listener that stopped taking requests would (only without
/// refusing connections).
struct RouterHandOver: Service {
    let listeners: [APIListener]
    let routers: [RouterResponder<BasicRequestContext>]
    /// Says the daemon is ready (status, log, systemd), as the last new listener to bind would.
    let ready: @Sendable () async -> Void

    func run() async throws {
        for (listener, router) in zip(listeners, routers) { listener.responder.serve(router) }
        await ready()
        // Until the group stops (gracefully or cancelled): then no new request reaches the leader's endpoints.
        try? await gracefulShutdown()
        for listener in listeners { listener.responder.pause("no leader yet: this node is stopping; retry") }
    }
}
