import Dispatch

/// CPU-heavy request work (a report over 100,000 leads is about a second)
/// run on a Dispatch queue, so the cooperative pool's few threads stay free
/// for the timeline, the scheduler and delivery while a manager opens the dashboard.
enum BackgroundWork {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async { continuation.resume(returning: work()) }
        }
    }
}
