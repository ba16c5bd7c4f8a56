import FollowUpCore

/// Records a round's outcomes as they come in, a small group per write, so
/// that a crash re-sends only what was in flight, never the rest of a round
/// of 512.
///
/// A group is written when it holds `groupSize` outcomes (the receiver's
/// requests in flight × its batch) or its oldest outcome is `maxAge` seconds
/// old, whichever comes first: on a fast relay one commit covers a window of
/// requests, on a slow one each answer is committed within `maxAge`. Measured
/// against one commit per round (debug build, 5,000 notifications drained,
/// noisy 2-core machine): batch 1 about 900 against 970/s, batch 100 about
/// 13,000 against 15,600/s.
struct RoundRecorder {
    let receiver: String
    let outbox: any Outbox
    let clock: any DaemonClock
    let groupSize: Int
    /// Real time, not the daemon's clock (which a test may hold still).
    var maxAge: Duration = .milliseconds(50)

    private var group: [DeliveryOutcome] = []
    private var oldest = ContinuousClock.now

    init(receiver: String, outbox: any Outbox, clock: any DaemonClock, groupSize: Int) {
        self.receiver = receiver
        self.outbox = outbox
        self.clock = clock
        self.groupSize = max(1, groupSize)
    }

    /// Adds an outcome, writing the group when it is full or old enough.
    mutating func add(_ outcome: DeliveryOutcome) async throws {
        if group.isEmpty { oldest = .now }
        group.append(outcome)
        if group.count >= groupSize || oldest.duration(to: .now) >= maxAge { try await flush() }
    }

    /// Writes what is held.
    mutating func flush() async throws {
        guard !group.isEmpty else { return }
        let outbox = self.outbox, outcomes = group, at = clock.now()
        // In a task of its own: GRDB refuses work in a cancelled task, and what a receiver
        // took must be recorded even while shutting down.
        try await Task { try await outbox.record(outcomes, at: at) }.value
        group.removeAll(keepingCapacity: true)
    }
}
