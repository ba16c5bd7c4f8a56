import FollowUpCore
import Logging

/// Records a round's outcomes as they come in, without holding up the sends:
/// one write transaction at a time runs beside them, and whatever answered
/// meanwhile goes into the next one (group commit). A write whose
/// transaction failed is kept and written again.
///
/// The SQLite writer is shared with ingest, whose transactions hold it for
/// tens of milliseconds under load. Waiting for it after every window of
/// requests (as before) stalled the sends: measured in `scripts/bench notify`
/// (release, one per POST), the lane delivered almost nothing while events
/// were being ingested. Now sends wait only when `most` answers are waiting
/// for a commit, so a crash re-sends at most what was in flight plus `most`
/// (receivers dedupe by notification id); without contention a write takes
/// about a millisecond and far fewer are at stake.
struct RoundRecorder {
    let receiver: String
    let outbox: any Outbox
    let clock: any DaemonClock
    let logger: Logger
    /// Answers waiting for a commit beyond which the lane waits for the writer.
    let most: Int

    private var waiting: [DeliveryOutcome] = []
    private var writing: ResultWrite?

    init(receiver: String, outbox: any Outbox, clock: any DaemonClock, logger: Logger, most: Int) {
        self.receiver = receiver
        self.outbox = outbox
        self.clock = clock
        self.logger = logger
        self.most = max(1, most)
    }

    /// Adds an outcome; writes it now if the writer is free, else with the
    /// next write, waiting for the current one only when `most` are waiting.
    mutating func add(_ outcome: DeliveryOutcome) async {
        waiting.append(outcome)
        if let writing, !writing.isDone {
            guard waiting.count >= most else { return }
            await writing.wait()
        }
        startWrite()
    }

    /// Writes everything held and waits for it (the end of a round, a shutdown).
    mutating func flush() async {
        if let writing { await writing.wait() }
        writing = nil
        guard !waiting.isEmpty else { return }
        startWrite()
        if let writing { await writing.wait() }
        writing = nil
    }

    private mutating func startWrite() {
        let outcomes = waiting
        waiting.removeAll(keepingCapacity: true)
        let outbox = outbox, clock = clock, logger = logger, receiver = receiver
        writing = ResultWrite { stop in
            await Self.write(outcomes, to: outbox, clock: clock, receiver: receiver, logger: logger, stop: stop)
        }
    }

    /// One group's write. A failed write (a full disk, a lock held by another
    /// process past the busy timeout) is logged and retried after 1 s, 2 s,
    /// 4 s … 30 s, holding the results: what the receiver took must not be
    /// sent again, and retrying the round would send it again on every
    /// failure. Shutting down, it gives up after three tries; those rows go
    /// out again after the restart (receivers dedupe by notification id).
    private static func write(_ outcomes: [DeliveryOutcome], to outbox: any Outbox, clock: any DaemonClock,
                              receiver: String, logger: Logger, stop: StopSignal) async {
        var failures = 0
        while true {
            do {
                try await outbox.record(outcomes, at: clock.now())
                if failures > 0 {
                    logger.notice("delivery to \(receiver): recorded \(outcomes.count) results after \(failures) failed writes")
                }
                return
            } catch {
                failures += 1
                if stop.isStopped && failures >= 3 {
                    logger.error("delivery to \(receiver): cannot record \(outcomes.count) results (\(error)); shutting down, they will be sent again after the restart")
                    return
                }
                let pause = loopRestartPause(afterFailures: failures)
                logger.error("delivery to \(receiver): cannot record \(outcomes.count) results (\(error)); writing them again in \(pause) s (not sending them again)")
                try? await Task.sleep(for: .seconds(pause))
            }
        }
    }
}

/// A write of results in a task of its own: GRDB refuses work in a cancelled
/// task, and what a receiver took must be recorded even while shutting down.
/// A shutdown reaches it through its ``StopSignal``.
final class ResultWrite: Sendable {
    private let task: Task<Void, Never>
    private let finished = StopSignal()
    private let stop = StopSignal()

    init(_ work: @escaping @Sendable (StopSignal) async -> Void) {
        let finished = finished, stop = stop
        task = Task {
            await work(stop)
            finished.stop()
        }
    }

    var isDone: Bool { finished.isStopped }

    func wait() async {
        let task = task, stop = stop
        await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            stop.stop()
        }
    }
}
