public import FollowUpCore
public import FollowUpNotify
public import Logging
public import ServiceLifecycle

/// Drains the outbox: one ``ReceiverLane`` per receiver, each with its own
/// bounded number of deliveries in flight, so a slow SMTP relay never holds
/// up webhook deliveries. The timeline's ring (something was minted) wakes
/// every lane.
///
/// Rows are marked delivered only after the receiver took them, so a crash
/// between the two re-sends rather than loses (receivers dedupe by
/// notification id). A restart resumes from the rows still pending.
public final class DeliveryWorker: Service {
    private let outbox: any Outbox
    private let lanes: [ReceiverLane]
    private let notifiers: [any Notifier]
    private let wakeup: Wakeup
    private let clock: any DaemonClock
    private let metrics: DaemonMetrics
    private let logger: Logger

    /// - Parameters:
    ///   - inFlight: deliveries in flight per receiver, by name (default 8).
    ///   - policy: retries, dead letters and the fallback receiver.
    public init(outbox: any Outbox, notifiers: [any Notifier], inFlight: [String: Int] = [:], policy: DeliveryPolicy = DeliveryPolicy(),
                clock: any DaemonClock, wakeup: Wakeup, metrics: DaemonMetrics, logger: Logger) {
        self.outbox = outbox
        self.notifiers = notifiers
        self.wakeup = wakeup
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        let byName = Dictionary(notifiers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let fallback = policy.fallback.flatMap { byName[$0] }
        lanes = byName.keys.sorted().map { name in
            ReceiverLane(notifier: byName[name]!, fallback: name == policy.fallback ? nil : fallback,
                         inFlight: inFlight[name] ?? 8, policy: policy, outbox: outbox, clock: clock,
                         metrics: metrics, logger: logger)
        }
    }

    public func run() async throws {
        await deadLetterOrphans()
        // In-flight deliveries finish before the lanes see the cancellation: nothing is dropped half-sent.
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for lane in self.lanes { group.addTask { await lane.run() } }
                group.addTask {
                    while !Task.isCancelled {
                        await self.wakeup.wait(until: nil, on: self.clock)
                        for lane in self.lanes { lane.bell.ring() }
                    }
                }
                await group.waitForAll()
            }
        }
        for notifier in notifiers { await notifier.shutdown() }
    }

    /// Pending rows of a receiver the config no longer has would wait forever:
    /// they become dead letters at start (`followupctl outbox retry` brings
    /// them back once the receiver is configured again).
    private func deadLetterOrphans() async {
        let known = Set(lanes.map(\.name))
        do {
            for (receiver, counts) in try await outbox.countsByReceiver()
            where !known.contains(receiver) && (counts[.pending] ?? 0) > 0 {
                var dead = 0
                while true {
                    let rows = try await outbox.duePending(receiver: receiver, at: Instant(secondsSinceEpoch: Int64.max / 2), limit: 1_000)
                    if rows.isEmpty { break }
                    try await outbox.record(rows.map {
                        .failed($0.key, error: "no receiver named \"\(receiver)\" in the config", retryAt: nil)
                    }, at: clock.now())
                    dead += rows.count
                }
                logger.error("delivery: \(dead) pending notifications for receiver \"\(receiver)\", which the config no longer has, are dead letters")
            }
        } catch {
            logger.error("delivery: cannot check for receivers that left the config: \(error)")
        }
    }
}
