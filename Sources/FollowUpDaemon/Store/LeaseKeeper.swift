import FollowUpPostgres
import Logging
import ServiceLifecycle

/// Keeps this node's lease while the daemon leads (``LeaderLease/keep()``,
/// started the moment the lease was taken, before the store opened). The
/// first service of the group, so it stops last: the lease is renewed until
/// everything else has stopped writing. When the lease is lost it throws, the
/// group stops, and followupd exits non-zero: a node that may no longer
/// write stops trying (its writes are fenced anyway) and, restarted by
/// systemd, waits as a standby.
struct LeaseKeeper: Service {
    let keeping: Task<LeaderLease.Loss, any Error>
    let logger: Logger

    func run() async throws {
        let loss: LeaderLease.Loss
        do {
            loss = try await cancelWhenGracefulShutdown { [keeping] in
                try await withTaskCancellationHandler {
                    try await keeping.value
                } onCancel: {
                    keeping.cancel()
                }
            }
        } catch is CancellationError {
            return  // a graceful stop: the daemon hands the lease over after closing the store
        }
        logger.critical("\(loss)")
        throw loss
    }
}
