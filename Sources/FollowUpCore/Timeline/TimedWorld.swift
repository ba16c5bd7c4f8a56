/// An ``EngineWorld`` that keeps the timer queue too: what the timeline's
/// order (``Engine/advance(to:in:fired:)``) runs over. The in-memory world of
/// `simulate` and `explain` is one; the store's world inside a transaction is
/// another, so both decide alike.
public protocol TimedWorld: EngineWorld {
    /// Takes the earliest pending timer off the queue if it is due before
    /// `limit` (or at it, when `inclusive`): a lead's, or a rep's planned
    /// availability change (firing that clears it from ``EngineWorld/team``).
    /// Nil when none is due. Timers order as ``LeadTimer`` does.
    mutating func takeTimer(dueBefore limit: Instant, inclusive: Bool) throws -> LeadTimer?
}
