import FollowUpCore
import Logging
import ServiceLifecycle

/// Prunes what `retention:` says is no longer kept (docs/daemon.md,
/// "Retention"): at start, then every ``interval``. A pass is many short
/// transactions of at most ``rowsPerStep`` rows with a pause between them, so
/// ingest and delivery, which write to the same database, never wait behind
/// one large delete, and a pass over a year of rows does not hold the writer.
final class RetentionService: Service {
    /// Between two passes (real time: a manual test clock does not hold them up).
    static let interval: Duration = .seconds(3_600)
    /// Rows one transaction may remove.
    static let rowsPerStep = 500
    /// Between two steps of a pass: other writers take their turn.
    static let pause: Duration = .milliseconds(20)

    private let store: any HistoryPruning
    private let period: TimeSpan
    private let clock: any DaemonClock
    private let checkpoint: Wakeup
    private let logger: Logger

    init(store: any HistoryPruning, period: TimeSpan, clock: any DaemonClock, checkpoint: Wakeup, logger: Logger) {
        self.store = store
        self.period = period
        self.clock = clock
        self.checkpoint = checkpoint
        self.logger = logger
    }

    /// What ``OpenedStore/retention`` holds for `store` under `retention:`
    /// `period`: nil when it is not set (nothing is ever deleted). Several
    /// nodes on PostgreSQL: only the leader's store is given one, so one node prunes.
    static func making(store: any HistoryPruning, period: TimeSpan?,
                       logger: Logger) -> (@Sendable (any DaemonClock, Wakeup) -> any Service)? {
        guard let period else { return nil }
        return { clock, bell in
            RetentionService(store: store, period: period, clock: clock, checkpoint: bell, logger: logger)
        }
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await self.pass()
                } catch is CancellationError {
                    break
                } catch {
                    self.logger.warning("retention: \(error) (tried again in an hour)")
                }
                try? await Task.sleep(for: Self.interval)
            }
        }
    }

    /// One pass at now minus the period, step by step until it is finished.
    func pass() async throws {
        let cutoff = clock.now() - period
        var progress = RetentionProgress()
        while !progress.finished {
            try Task.checkCancellation()
            progress = try await store.pruneStep(before: cutoff, progress, rows: Self.rowsPerStep)
            checkpoint.ring()
            try await Task.sleep(for: Self.pause)
        }
        if progress.outboxRows > 0 || progress.events > 0 {
            logger.info("retention \(period): pruned \(progress.outboxRows) delivered or dead outbox rows and \(progress.events) events of \(progress.leads) closed leads from before \(cutoff)")
        }
    }
}
