import FollowUpTestSupport
import Foundation
import Synchronization
import Testing

/// The in-process server must not depend on the cooperative pool the other
/// suites share: a full parallel run on a two-core CI runner once left every
/// in-process API test without a thread to answer on.
@Suite("the in-process API while the cooperative pool is busy")
struct BusyPoolTests {
    @Test("a request is answered while every cooperative thread is held")
    func answersWhileThePoolIsHeld() async throws {
        let hold = PoolHold(threads: ProcessInfo.processInfo.activeProcessorCount)
        try await LiveAPI.run { api in
            hold.start()
            while !hold.everyThreadHeld { try await Task.sleep(for: .milliseconds(5)) }
            let reply = try await api.unix.get("/healthz")
            hold.release()
            #expect(reply.status == 200)
        }
        #expect(!hold.gaveUp, "the reply came only after the cooperative pool was let go")
    }
}

/// Holds every cooperative thread, as CPU-bound or blocking tests do, until
/// released or 20 s have passed.
private final class PoolHold: Sendable {
    let threads: Int
    private let held = Atomic<Int>(0)
    private let released = Atomic<Bool>(false)
    private let timedOut = Atomic<Bool>(false)

    init(threads: Int) { self.threads = threads }

    func start() {
        for _ in 0..<threads {
            Task.detached { [self] in
                held.add(1, ordering: .sequentiallyConsistent)
                let deadline = Date().addingTimeInterval(20)
                while !released.load(ordering: .sequentiallyConsistent) {
                    if Date() > deadline { timedOut.store(true, ordering: .sequentiallyConsistent); return }
                    usleep(5_000)
                }
            }
        }
    }

    var everyThreadHeld: Bool { held.load(ordering: .sequentiallyConsistent) == threads }
    var gaveUp: Bool { timedOut.load(ordering: .sequentiallyConsistent) }
    func release() { released.store(true, ordering: .sequentiallyConsistent) }
}
