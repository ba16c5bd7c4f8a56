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
    /// Tries once to deliver; never throws, says what happened.
    func deliver(_ entry: OutboxEntry) async -> DeliveryResult
    /// Releases connections and clients; called once at shutdown.
    func shutdown() async
}

extension Notifier {
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
