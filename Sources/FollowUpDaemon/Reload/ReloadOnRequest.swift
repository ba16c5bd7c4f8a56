import ServiceLifecycle
import Logging
import FollowUpRules

/// Reloads the rules and the token file each time the process asks through
/// ``Daemon/reload()`` (followupd asks on SIGHUP, which `systemctl reload
/// followupd` sends through `ExecReload=`). Requests that arrive during a
/// reload are not lost: one more reload follows.
struct ReloadOnRequest: Service {
    let requests: AsyncStream<Void>
    let reloader: RulesReloader
    let tokens: BearerTokens?
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in requests {
                reloadTokens()
                _ = await reloader.reload()
            }
        }
        // The requests end when the node's role does (on PostgreSQL, ``ReloadByRole``
        // finishes them as a stop reaches it), which can be a moment before the same stop
        // reaches this group. Returning then would be "a service finished unexpectedly":
        // the group fails and a clean SIGTERM exits 1. Wait for the stop instead.
        try? await gracefulShutdown()
    }

    /// A token file that cannot be used keeps the tokens in force: a typo must not lock every client out.
    private func reloadTokens() {
        guard let tokens, let file = tokens.file else { return }
        do {
            let count = try tokens.reload()
            logger.info("token file \(file) reloaded: \(count) tokens in force")
        } catch {
            logger.error("token file not reloaded, the old tokens stay in force: \(error.message)")
        }
    }
}
