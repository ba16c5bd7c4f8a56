public import FollowUpCore

/// A ``Notifier`` that can start a delivery of one notification and say when
/// it was answered, without a task of its own per delivery: the lane starts
/// up to `in_flight` of them and takes the answers as they come.
///
/// Why: with a task per request, creating it, hopping to it and back to the
/// lane was a measurable share of the daemon's CPU per notification against
/// a local webhook relay (issue 16).
public protocol StartingNotifier: Notifier {
    /// Starts one attempt to deliver `entry` (as ``Notifier/deliver(_:)``
    /// would) and calls `answered` once with what it came to, from any thread.
    func start(_ entry: OutboxEntry, answered: @escaping @Sendable (DeliveryResult) -> Void)
}
