public import FollowUpCore
public import Logging
public import ServiceLifecycle

/// Keeps the store's write-ahead log short off the hot path: rung after
/// writes, it checkpoints at most every ``interval`` on a connection of its
/// own, so no request waits for the disk while the log is copied back; once
/// writes have paused for ``quiet``, it gives a log that grew large back to
/// the disk (``LeadStore/compactLog()``), the one step that holds writers off.
public final class CheckpointService: Service {
    /// The shortest gap between two checkpoints.
    public static let interval: Duration = .milliseconds(500)
    /// How long writes must pause before the log is compacted: sustained
    /// ingest never waits for it, a burst's log is given back soon after.
    public static let quiet: Duration = .seconds(2)

    private let store: any LeadStore
    private let bell: Wakeup
    private let logger: Logger

    public init(store: any LeadStore, bell: Wakeup, logger: Logger) {
        self.store = store
        self.bell = bell
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            // Written to since the log was last compacted.
            var written = false
            while !Task.isCancelled {
                let rung = await self.bell.wait(until: nil, on: SystemClock(), atMost: written ? Self.quiet : nil)
                guard !Task.isCancelled else { break }
                do {
                    if rung {
                        written = true
                        try await self.store.checkpoint()
                    } else {
                        written = false
                        try await self.store.compactLog()
                    }
                } catch {
                    self.logger.warning("checkpoint: \(error)")
                }
                if rung { try? await Task.sleep(for: Self.interval) }
            }
        }
        try? await store.checkpoint()  // leave a short log behind
    }
}
