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
            // Other suites' tasks may keep a thread for a while before the
            // holders get them all; that wait is not what is measured. In a
            // full run blocking suites have held the pool for over 90 s: then
            // the request goes while they and the holders hold it, which is
            // the same test.
            let wanted = ContinuousClock.now + .seconds(60)
            while !hold.everyThreadHeld, ContinuousClock.now < wanted { try await Task.sleep(for: .milliseconds(5)) }
            let reply = try await api.unix.get("/healthz")
            hold.release()
            #expect(reply.status == 200)
        }
        #expect(!hold.gaveUp, "the reply came only after the cooperative pool was let go")
    }
}

/// Holds every cooperative thread, as CPU-bound or blocking tests do, until
/// released, or until 20 s after the last holder got its thread.
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
                // The 20 s count from when the pool is all held: a holder that
                // got its thread early must not give up while the last one
                // still waits for a thread another suite is using.
                var deadline: Date?
                while !released.load(ordering: .sequentiallyConsistent) {
                    if deadline == nil, everyThreadHeld { deadline = Date().addingTimeInterval(20) }
                    if let deadline, Date() > deadline {
                        timedOut.store(true, ordering: .sequentiallyConsistent)
                        return
                    }
                    usleep(5_000)
                }
            }
        }
    }

    var everyThreadHeld: Bool { held.load(ordering: .sequentiallyConsistent) >= threads }
    var gaveUp: Bool { timedOut.load(ordering: .sequentiallyConsistent) }
    func release() { released.store(true, ordering: .sequentiallyConsistent) }
}
