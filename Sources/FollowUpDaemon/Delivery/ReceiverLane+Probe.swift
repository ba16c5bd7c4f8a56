import FollowUpCore
import FollowUpNotify
import Logging

/// Noticing that a failing receiver answers again. Its backlog waits on the
/// backoff, up to the cap (5 minutes by default) after the receiver is back;
/// so while it fails, the lane tries one notification every `retry.probe`
/// (5 s), and when that is delivered, makes the whole backlog due at once.
///
/// A failed probe is not recorded as an attempt of its notification: the
/// attempts a row counts stay those of the backoff schedule (plus at most
/// one when the backlog is released), so a long outage makes no storm.
extension ReceiverLane {
    /// What one round came to, for deciding whether the receiver is failing.
    struct RoundReport {
        /// Rows fetched.
        var handled: Int
        /// Delivered by the receiver itself (not through the fallback).
        var delivered = 0
        /// Failed in a way that may pass (the receiver down, a timeout, a 5xx).
        var retried = 0

        init(handled: Int) { self.handled = handled }

        mutating func count(_ result: DeliveryResult) {
            switch result {
            case .delivered: delivered += 1
            case .retry: retried += 1
            case .permanent: break
            }
        }
    }

    /// Tries the receiver with its earliest waiting notification; true when
    /// it was delivered (and the backlog released).
    func probe() async throws -> Bool {
        let now = clock.now()
        // Something came due meanwhile: the next round is the probe.
        guard let next = try await outbox.nextAttemptAt(receiver: name), next > now,
              let entry = try await outbox.duePending(receiver: name, at: next, limit: 1).first
        else { return false }
        let result = await notifier.deliver(entry)
        switch result {
        case .delivered:
            health.succeeded()
            metrics.delivery(receiver: name, outcome: "delivered", lag: nil)
            let outbox = self.outbox, at = clock.now()
            try await Task { try await outbox.record([.delivered(entry.key, via: nil)], at: at) }.value
            try await releaseBacklog()
            return true
        case .retry(let error):
            health.failed(at: clock.now())
            logger.debug("probe of \(name) with \(entry.notification.id) failed: \(error)")
            return false
        case .permanent:
            // The receiver answers (it refused this one): record it as any attempt, and release the rest.
            var recorder = RoundRecorder(receiver: name, outbox: outbox, clock: clock, logger: logger, most: 1)
            await recorder.add(.failed(entry.key, error: Self.describe(result), retryAt: nil))
            await recorder.flush()
            try await releaseBacklog()
            return true
        }
    }

    /// Makes the receiver's waiting rows due now, and says so.
    func releaseBacklog() async throws {
        let released = try await outbox.releaseBacklog(receiver: name, at: clock.now())
        if released > 0 {
            logger.notice("receiver \(name) answers again: \(released) waiting notifications released")
            bell.ring()
        }
    }

    private static func describe(_ result: DeliveryResult) -> String {
        switch result {
        case .delivered: "delivered"
        case .retry(let error), .permanent(let error): error
        }
    }
}
