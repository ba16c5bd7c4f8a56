public import FollowUpCore
public import Logging
public import ServiceLifecycle

/// Keeps the store's write-ahead log short off the hot path: rung after
/// writes, it checkpoints at most every ``interval`` on a connection of its
/// own, so no request waits for the disk while the log is copied back.
public final class CheckpointService: Service {
    /// The shortest gap between two checkpoints.
    public static let interval: Duration = .milliseconds(500)

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
            while !Task.isCancelled {
                await self.bell.wait(until: nil, on: SystemClock())
                guard !Task.isCancelled else { break }
                do {
                    try await self.store.checkpoint()
                } catch {
                    self.logger.warning("checkpoint: \(error)")
                }
                try? await Task.sleep(for: Self.interval)
            }
        }
        try? await store.checkpoint()  // leave a short log behind
    }
}
