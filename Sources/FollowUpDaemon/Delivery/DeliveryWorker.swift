public import FollowUpCore
public import FollowUpNotify
public import Logging
public import ServiceLifecycle

/// Drains the outbox: hands each due notification to its receiver, records
/// the outcome, and sleeps until the next retry or the next ring. Rows are
/// marked delivered only after the receiver took them, so a crash between the
/// two re-sends rather than loses (receivers dedupe by notification id).
public final class DeliveryWorker: Service {
    /// Rows fetched per round.
    static let batch = 512

    private let outbox: any Outbox
    private let notifiers: [String: any Notifier]
    private let clock: any DaemonClock
    private let wakeup: Wakeup
    private let metrics: DaemonMetrics
    private let logger: Logger
    private let backoff: RetryBackoff

    public init(outbox: any Outbox, notifiers: [any Notifier], clock: any DaemonClock, wakeup: Wakeup,
                metrics: DaemonMetrics, logger: Logger, backoff: RetryBackoff = RetryBackoff()) {
        self.outbox = outbox
        self.notifiers = Dictionary(notifiers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.clock = clock
        self.wakeup = wakeup
        self.metrics = metrics
        self.logger = logger
        self.backoff = backoff
    }

    public func run() async throws {
        // In-flight deliveries finish before the loop sees the cancellation: nothing is dropped half-sent.
        await cancelWhenGracefulShutdown {
            var failures = 0
            while !Task.isCancelled {
                do {
                    let delivered = try await self.deliverDue()
                    failures = 0
                    if delivered == 0 {
                        let next = try await self.outbox.nextAttemptAt()
                        await self.wakeup.wait(until: next, on: self.clock)
                    }
                } catch is CancellationError {
                    return
                } catch {
                    failures += 1
                    let pause = loopRestartPause(afterFailures: failures)
                    self.logger.error("delivery: \(error); retrying in \(pause) s")
                    try? await Task.sleep(for: .seconds(pause))
                }
            }
        }
    }

    /// One round: every due row, by receiver; returns how many were handled.
    func deliverDue() async throws -> Int {
        let now = clock.now()
        let due = try await outbox.duePending(at: now, limit: Self.batch)
        guard !due.isEmpty else { return 0 }
        var delivered: [OutboxKey] = []
        for entry in due {
            guard let notifier = notifiers[entry.receiver] else {
                try await outbox.markFailed(entry.key, error: "no receiver named \"\(entry.receiver)\" in the config",
                                            retryAt: nil, at: now)
                metrics.delivery(receiver: entry.receiver, outcome: "dead", lag: nil)
                continue
            }
            switch await notifier.deliver(entry) {
            case .delivered:
                delivered.append(entry.key)
                // Fire lag is about timers: what an event caused is stamped with the event's
                // second, and its "lag" would only measure that rounding.
                let lag = entry.notification.isFromTimer
                    ? clock.preciseNow() - Double(entry.notification.at.secondsSinceEpoch) : nil
                metrics.delivery(receiver: entry.receiver, outcome: "delivered", lag: lag)
            case .retry(let error):
                let retryAt = backoff.next(after: entry.attempts + 1, from: now)
                try await outbox.markFailed(entry.key, error: error, retryAt: retryAt, at: now)
                metrics.delivery(receiver: entry.receiver, outcome: "retry", lag: nil)
                logger.warning("delivery of \(entry.notification.id) to \(entry.receiver) failed: \(error); retry at \(retryAt)")
            case .permanent(let error):
                try await outbox.markFailed(entry.key, error: error, retryAt: nil, at: now)
                metrics.delivery(receiver: entry.receiver, outcome: "dead", lag: nil)
                logger.error("delivery of \(entry.notification.id) to \(entry.receiver) failed for good: \(error)")
            }
        }
        if !delivered.isEmpty { try await outbox.markDelivered(delivered, at: clock.now()) }
        return due.count
    }
}

/// Exponential backoff with jitter and a cap: attempt k waits about
/// `base × 2^(k-1)`, never more than `cap`, spread ±20% so a relay that comes
/// back is not hit by every retry at once.
public struct RetryBackoff: Sendable {
    public var base: TimeSpan
    public var cap: TimeSpan

    public init(base: TimeSpan = TimeSpan(seconds: 1), cap: TimeSpan = .minutes(5)) {
        self.base = base
        self.cap = cap
    }

    /// When to try again after `attempts` failed attempts.
    public func next(after attempts: Int, from now: Instant) -> Instant {
        let exponential = Double(base.seconds) * Double(1 << min(max(attempts - 1, 0), 20))
        let wait = min(Double(cap.seconds), exponential) * Double.random(in: 0.8...1.2)
        return now + TimeSpan(seconds: max(1, Int64(wait.rounded())))
    }
}
