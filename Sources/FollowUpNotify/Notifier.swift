public import FollowUpCore

/// A channel notifications leave the daemon through: a webhook relay, an
/// email relay, the log. Adding a channel is adding one type.
///
/// `deliver` must be idempotent per notification id (it is the idempotency
/// key relays receive): the outbox may hand the same notification again after
/// a crash between sending and recording the delivery.
public protocol Notifier: Sendable {
    /// The receiver's name in the config (`log`, `crm-webhook`).
    var name: String { get }
    /// The most notifications one ``deliver(batch:)`` call takes; 1 for a
    /// channel that sends one at a time (the default).
    var batchLimit: Int { get }
    /// Tries once to deliver; never throws, says what happened.
    func deliver(_ entry: OutboxEntry) async -> DeliveryResult
    /// Tries once to deliver `entries` (2 up to ``batchLimit``) as one unit,
    /// such as one HTTP request: the result holds for every one of them.
    ///
    /// The delivery lane calls it only when ``batchLimit`` is above 1; on a
    /// `.permanent` result it tries each notification alone, so one refused
    /// notification does not make dead letters of its neighbours.
    func deliver(batch entries: [OutboxEntry]) async -> DeliveryResult
    /// Releases connections and clients; called once at shutdown.
    func shutdown() async
}

extension Notifier {
    public var batchLimit: Int { 1 }

    /// One at a time: delivered when all were, else the first failure
    /// (only reached by a channel that raises ``batchLimit`` without its own batches).
    public func deliver(batch entries: [OutboxEntry]) async -> DeliveryResult {
        for entry in entries {
            let result = await deliver(entry)
            guard result == .delivered else { return result }
        }
        return .delivered
    }

    public func shutdown() async {}
}

/// What one delivery attempt came to.
public enum DeliveryResult: Sendable, Hashable {
    /// The receiver has it.
    case delivered
    /// It failed in a way that may pass (relay down, timeout, 5xx): try again later.
    case retry(String)
    /// It failed for good (4xx, a malformed address): a dead letter now.
    case permanent(String)
}
