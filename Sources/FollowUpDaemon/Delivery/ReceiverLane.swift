import FollowUpCore
import FollowUpNotify
import Logging

/// Delivers one receiver's notifications: fetches its due rows, sends up to
/// `inFlight` requests at once (each one notification, or a batch for a
/// receiver whose ``Notifier/batchLimit`` is above 1), records the results as
/// they come in, a window of requests per write transaction (``RoundRecorder``:
/// the SQLite writer is shared with ingest, and a crash must re-send only what
/// was in flight), then sleeps until the next retry is due or the timeline rings.
///
/// When the receiver has been failing for `fallback.after`, a round first
/// probes it with one notification; if that fails too, the rest of the round
/// goes through the fallback receiver and the rows record `via`.
final class ReceiverLane: Sendable {
    /// Rows fetched per round: 2,048, or enough to keep every request in
    /// flight full for a receiver that takes batches (at most 4,096). A round
    /// ends by waiting for its results' commit before fetching again (rows
    /// still pending must not be fetched twice); under ingest that wait is a
    /// whole ingest transaction, so rounds are long enough for it not to
    /// dominate (512 rows measured ~5,000/s while events were ingested).
    let roundSize: Int

    let notifier: any Notifier
    let fallback: (any Notifier)?
    let inFlight: Int
    let policy: DeliveryPolicy
    let outbox: any Outbox
    let clock: any DaemonClock
    let metrics: DaemonMetrics
    let logger: Logger
    let health = ReceiverHealth()
    /// Rung by the worker when something was minted.
    let bell = Wakeup()

    var name: String { notifier.name }

    init(notifier: any Notifier, fallback: (any Notifier)?, inFlight: Int, policy: DeliveryPolicy, outbox: any Outbox,
         clock: any DaemonClock, metrics: DaemonMetrics, logger: Logger) {
        self.notifier = notifier
        self.fallback = fallback
        self.inFlight = max(1, inFlight)
        self.roundSize = max(2_048, min(4_096, notifier.batchLimit * self.inFlight))
        self.policy = policy
        self.outbox = outbox
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
    }

    func run() async {
        var failures = 0
        // Rows waiting on a retry from before a restart: the receiver may still be down, so probe it.
        var suspect = false
        if let next = try? await outbox.nextAttemptAt(receiver: name), next > clock.now() { suspect = true }
        while !Task.isCancelled {
            do {
                let report = try await round()
                failures = 0
                // Down: attempts failed and none got through. One notification failing among
                // deliveries is that notification's trouble, left to its backoff.
                if report.delivered > 0 {
                    if suspect && report.retried == 0 { try await releaseBacklog() }
                    suspect = false
                } else if report.retried > 0 {
                    suspect = true
                }
                if report.handled < roundSize {
                    let next = try await outbox.nextAttemptAt(receiver: name)
                    if let next, next <= clock.now() { continue }
                    let probeAt = clock.now() + policy.probeInterval
                    if suspect, let next, probeAt < next {
                        await bell.wait(until: probeAt, on: clock)
                        if try await probe() { suspect = false }
                    } else {
                        await bell.wait(until: next, on: clock)
                    }
                }
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                let pause = loopRestartPause(afterFailures: failures)
                logger.error("delivery to \(name): \(error); retrying in \(pause) s")
                try? await Task.sleep(for: .seconds(pause))
            }
        }
    }

    /// One round: every due row (up to a batch); reports how many were handled, delivered and retried.
    func round() async throws -> RoundReport {
        let now = clock.now()
        let due = try await outbox.duePending(receiver: name, at: now, limit: roundSize)
        var report = RoundReport(handled: due.count)
        guard !due.isEmpty else { return report }
        var rest = due[...]
        var via: (any Notifier)? = nil
        var probed: DeliveryOutcome? = nil
        if let fallback, policy.fallsBack(receiver: name, failingSince: health.failingSince, now: now) {
            // Probe the receiver with one notification; only if it still fails does the
            // fallback take the round, the probe included.
            let probe = rest[rest.startIndex]
            let result = await notifier.deliver(probe)
            if case .retry(let error) = result {
                report.retried += 1
                health.failed(at: clock.now())
                metrics.delivery(receiver: name, outcome: "retry", lag: nil)
                via = fallback
                logger.warning("receiver \(name) failing since \(health.failingSince.map(RFC3339.format) ?? "?") (\(error)): delivering through fallback \(fallback.name)")
            } else {
                report.count(result)
                probed = outcome(of: probe, result, via: nil)
                rest = rest.dropFirst()
            }
        }
        let sender = via ?? notifier
        // Results are committed as they come in, beside the sends: a crash re-sends what was in
        // flight and what waited for the writer (at most `recordingBound`), not the whole round.
        var recorder = RoundRecorder(receiver: name, outbox: outbox, clock: clock, logger: logger,
                                     most: Self.recordingBound(inFlight: inFlight, batch: sender.batchLimit))
        if let probed { await recorder.add(probed) }
        let units = Self.units(of: rest, limit: sender.batchLimit)
        await withTaskGroup(of: [(OutboxEntry, DeliveryResult)].self) { group in
            var iterator = units.makeIterator()
            var running = 0
            while running < inFlight, let unit = iterator.next() {
                group.addTask { await Self.finish(unit, through: sender) }
                running += 1
            }
            while let results = await group.next() {
                for (entry, result) in results {
                    if via == nil { report.count(result) }
                    await recorder.add(outcome(of: entry, result, via: via))
                }
                // Shutting down: finish what is in flight, start nothing new (those rows stay pending).
                if !Task.isCancelled, let next = iterator.next() {
                    group.addTask { await Self.finish(next, through: sender) }
                }
            }
        }
        // Recorded even when shutdown cancelled this task: what a receiver took must not be
        // sent again after the restart.
        await recorder.flush()
        return report
    }

    /// Answers that may wait for a commit before the lane stops sending: a
    /// window of requests, and at least 1,024, so that sends go on at some
    /// ten thousand a second while ingest holds the shared writer for a
    /// transaction (tens of milliseconds under load).
    static func recordingBound(inFlight: Int, batch: Int) -> Int {
        max(1_024, inFlight * max(1, batch))
    }

    /// The round's rows cut into what one delivery call takes: single rows, or
    /// batches of up to `limit` for a receiver that takes them.
    static func units(of rows: ArraySlice<OutboxEntry>, limit: Int) -> [ArraySlice<OutboxEntry>] {
        let size = max(1, limit)
        return stride(from: rows.startIndex, to: rows.endIndex, by: size).map {
            rows[$0..<min($0 + size, rows.endIndex)]
        }
    }

    /// ``send(_:through:stop:)`` in a task of its own, which a shutdown does
    /// not cancel: a request already on the wire runs to its answer (or the
    /// receiver's timeout) and is recorded, instead of being cut off and sent
    /// again after the restart. The shutdown still stops a split batch from
    /// starting its next request.
    static func finish(_ unit: ArraySlice<OutboxEntry>, through sender: any Notifier) async -> [(OutboxEntry, DeliveryResult)] {
        let stop = StopSignal()
        return await withTaskCancellationHandler {
            await Task { await send(unit, through: sender, stop: stop) }.value
        } onCancel: {
            stop.stop()
        }
    }

    /// Delivers one unit. A batch refused for good is tried one notification
    /// at a time, so the one the relay refuses does not take its neighbours
    /// with it; stopped meanwhile, the rest stay pending.
    static func send(_ unit: ArraySlice<OutboxEntry>, through sender: any Notifier, stop: StopSignal) async -> [(OutboxEntry, DeliveryResult)] {
        if unit.count <= 1 {
            guard let entry = unit.first else { return [] }
            return [(entry, await sender.deliver(entry))]
        }
        let result = await sender.deliver(batch: Array(unit))
        guard case .permanent = result else { return unit.map { ($0, result) } }
        var results: [(OutboxEntry, DeliveryResult)] = []
        for entry in unit {
            if stop.isStopped { break }
            results.append((entry, await sender.deliver(entry)))
        }
        return results
    }

    /// What to record for one attempt, with its metrics and logs.
    /// Backoff counts from when the attempt ended (a slow relay's attempt may take its whole timeout).
    private func outcome(of entry: OutboxEntry, _ result: DeliveryResult, via: (any Notifier)?) -> DeliveryOutcome {
        let now = clock.now()
        // Journal fields (LEAD_ID, REP_ID, NOTIFICATION_ID, RECEIVER) for `journalctl NOTIFICATION_ID=…`;
        // made only for a failure's log line, not for every delivery.
        var fields: Logger.Metadata {
            ["lead_id": "\(entry.notification.lead)", "rep_id": "\(entry.notification.to)",
             "notification_id": "\(entry.notification.id)", "receiver": "\(name)"]
        }
        switch result {
        case .delivered:
            if via == nil { health.succeeded() }
            // Fire lag is about timers: what an event caused is stamped with the event's
            // second, and its "lag" would only measure that rounding.
            let lag = entry.notification.cause == .timer ? clock.preciseNow() - Double(entry.notification.at.secondsSinceEpoch) : nil
            metrics.delivery(receiver: name, outcome: via == nil ? "delivered" : "fallback", lag: lag)
            return .delivered(entry.key, via: via?.name)
        case .retry(let error):
            if via == nil { health.failed(at: now) }
            let message = via.map { "\(error) (through fallback \($0.name))" } ?? error
            if let retryAt = policy.retryAt(attempts: entry.attempts + 1, queuedAt: entry.queuedAt, now: now,
                                            jitter: Double.random(in: 0.8...1.2)) {
                metrics.delivery(receiver: name, outcome: "retry", lag: nil)
                logger.warning("delivery of \(entry.notification.id) to \(name) failed: \(message); retry at \(retryAt)",
                               metadata: fields)
                return .failed(entry.key, error: message, retryAt: retryAt)
            }
            metrics.delivery(receiver: name, outcome: "dead", lag: nil)
            logger.error("delivery of \(entry.notification.id) to \(name) failed for \(policy.deadLetterAfter): a dead letter (\(message))",
                         metadata: fields)
            return .failed(entry.key, error: "dead letter after \(policy.deadLetterAfter): \(message)", retryAt: nil)
        case .permanent(let error):
            metrics.delivery(receiver: name, outcome: "dead", lag: nil)
            logger.error("delivery of \(entry.notification.id) to \(name) failed for good: \(error)", metadata: fields)
            return .failed(entry.key, error: error, retryAt: nil)
        }
    }
}
