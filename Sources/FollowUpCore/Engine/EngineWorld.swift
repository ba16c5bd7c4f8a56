/// The state the engine reads and changes while it applies one input.
///
/// The simulator keeps it in memory; the daemon's store implements it inside
/// one SQLite transaction, so everything one event changes commits together.
/// Implementations must be synchronous and must not fail: the engine has
/// already validated the input by the time it writes.
public protocol EngineWorld {
    /// The reps and round-robin pointers.
    var team: TeamState { get set }
    /// The lead with this id, if it was captured.
    func lead(_ id: LeadID) -> LeadState?
    /// Whether a lead with this id was captured (cheaper than fetching it).
    func hasLead(_ id: LeadID) -> Bool
    /// The lead with this id, for the engine to change and then ``save(_:)``
    /// back within the same pass: one lead at a time, and every lead taken is
    /// saved. A world may hand over its own copy (the in-memory one does, so
    /// that minting an id does not copy the lead's arrays first); until the
    /// save, ``lead(_:)`` need not find it.
    mutating func takeLead(_ id: LeadID) -> LeadState?
    /// Saves a lead's new state (its timers follow from it: ``LeadState/timers``).
    /// Consuming: the in-memory world stores the engine's copy instead of a copy of it.
    mutating func save(_ lead: consuming LeadState)
    /// The leads `rep` owns whose step 1 is open and theirs (``LeadState/awaitsFirstTouch``), in capture order.
    func leadsAwaitingFirstTouch(ownedBy rep: RepID) -> [LeadState]
    /// Every lead `rep` owns that is not final, in capture order (what a deactivation moves).
    mutating func leads(ownedBy rep: RepID) -> [LeadState]
    /// How many leads `rep` owns that are in cadence (``LeadState/isInCadence``): capacity and `least_open`.
    mutating func leadsInCadence(of rep: RepID) -> Int
}

extension EngineWorld {
    public func hasLead(_ id: LeadID) -> Bool { lead(id) != nil }
    public mutating func takeLead(_ id: LeadID) -> LeadState? { lead(id) }
}
