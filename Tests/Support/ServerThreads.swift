import Foundation

/// Threads of their own for a daemon or API server running inside the test
/// process, as a `TaskExecutor`.
///
/// Swift Testing runs every suite of the process in parallel on the
/// cooperative pool, which has one thread per core: two CPU-bound property
/// tests, or two tests waiting on a subprocess, hold all of it on a two-core
/// runner for minutes. A server sharing that pool then reads a request and
/// never gets a thread to answer it (CI saw every in-process API test fail
/// with an empty reply after the 30 s idle timeout). Run under
/// ``withServerThreads(_:)``, the server's child tasks and the default actors
/// they call run here instead, and the kernel shares the cores fairly.
public final class ServerThreads: TaskExecutor, @unchecked Sendable {
    /// One pool for the whole test process: its threads live as long as it.
    public static let shared = ServerThreads(count: 4)

    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var jobs: [UnownedJob] = []

    private init(count: Int) {
        for index in 0..<count {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "test-server-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Runs `body` (and the child tasks it starts, and the default actors they
/// call) on ``ServerThreads/shared`` rather than the cooperative pool the
/// other suites keep busy.
public func withServerThreads<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    try await withTaskExecutorPreference(ServerThreads.shared, operation: body)
}
