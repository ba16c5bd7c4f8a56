public import FollowUpCore
import Prometheus
import Synchronization

/// What the daemon counts, exposed at `/metrics` in Prometheus text format
/// (swift-prometheus) and summarised for `status`.
///
/// Fire lag is DESIGN's measure of punctuality: the time a notification is
/// handed to its receiver minus the time it was due. Besides the histogram, the
/// last ``window`` samples are kept so `status` and the benchmark can report an
/// exact p99.
public final class DaemonMetrics: Sendable {
    public static let window = 10_000

    private let registry = PrometheusCollectorRegistry()
    private let fireLag: DurationHistogram
    private let timerLag: DurationHistogram
    private let timersFired: Counter
    private let nextTimerAt: Gauge
    private let ingestGroupSize: ValueHistogram
    private let lagSamples = Mutex<LagWindow>(LagWindow(capacity: DaemonMetrics.window))
    private let acceptedByType = Mutex<[String: Counter]>([:])
    /// Delivery counters by receiver and outcome: looked up once, not per delivery.
    private let deliveryCounters = Mutex<[String: Counter]>([:])

    public init() {
        let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                   .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                   .seconds(5), .seconds(30), .seconds(300)]
        fireLag = registry.makeDurationHistogram(
            descriptor: Self.named("fire_lag", unit: "seconds", "Time a notification was handed to its receiver minus the time it was due."),
            buckets: buckets)
        timerLag = registry.makeDurationHistogram(
            descriptor: Self.named("timer_lag", unit: "seconds", "Time a timer fired minus the time it was due."),
            buckets: buckets)
        timersFired = registry.makeCounter(descriptor: Self.named("timers_fired", unit: "total", "Timers fired."))
        nextTimerAt = registry.makeGauge(descriptor: Self.named(
            "next_timer_timestamp", unit: "seconds", "When the earliest pending timer is due (0: none)."))
        ingestGroupSize = registry.makeValueHistogram(
            descriptor: Self.named("ingest_group_size", "API requests (event batches) committed together in one ingest transaction."),
            buckets: [1, 2, 4, 8, 16, 32, 64, 128])
    }

    /// An event was applied.
    public func eventAccepted(type: String) {
        // Looked up once per type: the registry's lookup (descriptor, labels, lock) ran per event.
        let counter = acceptedByType.withLock { counters in
            if let counter = counters[type] { return counter }
            let counter = registry.makeCounter(
                descriptor: Self.named("events_accepted", unit: "total", "Events applied, by type."),
                labels: [("type", type)])
            counters[type] = counter
            return counter
        }
        counter.increment()
    }

    /// One ingest transaction committed `requests` API requests together (group commit):
    /// the histogram's count is the transactions, its sum the requests.
    public func ingestGroup(requests: Int) {
        ingestGroupSize.record(Double(requests))
    }

    /// A timer fired `lag` seconds after it was due.
    public func timerFired(lag: Double) {
        timersFired.increment()
        timerLag.record(Self.duration(lag))
    }

    /// The earliest pending timer.
    public func nextTimer(_ at: Instant?) {
        nextTimerAt.set(to: Double(at?.secondsSinceEpoch ?? 0))
    }

    /// A notification reached `receiver` `lag` seconds after it was due (or failed to).
    public func delivery(receiver: String, outcome: String, lag: Double?) {
        let key = receiver + "\u{0}" + outcome
        let counter = deliveryCounters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = registry.makeCounter(
                descriptor: Self.named("deliveries", unit: "total", "Delivery attempts, by receiver and outcome (delivered, fallback, retry, dead)."),
                labels: [("receiver", receiver), ("outcome", outcome)])
            counters[key] = counter
            return counter
        }
        counter.increment()
        if let lag {
            fireLag.record(Self.duration(lag))
            lagSamples.withLock { $0.add(lag) }
        }
    }

    /// The p99 fire lag over the last ``window`` deliveries, in seconds (nil before any).
    public func fireLagP99() -> Double? {
        lagSamples.withLock { $0.quantile(0.99) }
    }

    /// Sets the gauges that mirror the store and the rules, then renders everything.
    public func render(statistics: StoreStatistics?, byReceiver: [String: [OutboxState: Int]] = [:], rulesVersion: String,
                       lastReloadSucceeded: Bool) -> String {
        for (receiver, counts) in byReceiver {
            for state in OutboxState.allCases {
                registry.makeGauge(descriptor: Self.named("outbox", "Outbox rows by receiver and delivery state."),
                                   labels: [("receiver", receiver), ("state", state.rawValue)])
                    .set(to: Double(counts[state] ?? 0))
            }
            registry.makeGauge(descriptor: Self.named("dead_letters", "Dead letters by receiver (followupctl outbox list --state dead)."),
                               labels: [("receiver", receiver)])
                .set(to: Double(counts[.dead] ?? 0))
        }
        if let s = statistics {
            for status in LeadStatus.allCases {
                registry.makeGauge(descriptor: Self.named("leads", "Leads by status."), labels: [("status", status.rawValue)])
                    .set(to: Double(s.leadsByStatus[status] ?? 0))
            }
            registry.makeGauge(descriptor: Self.named("timers_pending", "Timers waiting to fire.")).set(to: Double(s.pendingTimers))
            for state in OutboxState.allCases {
                registry.makeGauge(descriptor: Self.named("notifications", "Outbox rows by delivery state."), labels: [("state", state.rawValue)])
                    .set(to: Double(s.outboxByState[state] ?? 0))
            }
            registry.makeGauge(descriptor: Self.named("events_logged", "Rows in the event log.")).set(to: Double(s.events))
            // A count kept in the store (every node and restart adds to the same one): alert on > 0.
            registry.makeGauge(descriptor: Self.named(
                "notifications_minted_again", "Outbox rows queued again for a notification id and receiver already there; must stay 0."))
                .set(to: Double(s.notificationsMintedAgain))
        }
        registry.makeGauge(descriptor: Self.named("rules_info", "The rule set in force (value always 1)."),
                           labels: [("version", rulesVersion)]).set(to: 1)
        registry.makeGauge(descriptor: Self.named("rules_last_reload_success", "1 if the last rules (re)load succeeded, else 0."))
            .set(to: lastReloadSucceeded ? 1 : 0)
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// `followupd_<name>[_<unit>]` with its help text.
    static func named(_ name: String, unit: String? = nil, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "followupd", metricName: name, unitName: unit ?? "", helpText: help)
    }

    private static func duration(_ seconds: Double) -> Duration {
        .nanoseconds(Int64(max(0, seconds) * 1e9))
    }
}

/// The last N samples, for exact quantiles.
struct LagWindow {
    private var samples: [Double] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    mutating func add(_ value: Double) {
        if samples.count < capacity {
            samples.append(value)
        } else {
            samples[next] = value
            next = (next + 1) % capacity
        }
    }

    func quantile(_ q: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1)]
    }
}
