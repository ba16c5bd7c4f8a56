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
    /// Saves a lead's new state (its timers follow from it: ``LeadState/timers``).
    mutating func save(_ lead: LeadState)
    /// The leads `rep` owns whose step 1 is open and theirs (``LeadState/awaitsFirstTouch``), in capture order.
    func leadsAwaitingFirstTouch(ownedBy rep: RepID) -> [LeadState]
    /// Every lead `rep` owns that is not final, in capture order (what a deactivation moves).
    mutating func leads(ownedBy rep: RepID) -> [LeadState]
    /// How many leads `rep` owns that are in cadence (``LeadState/isInCadence``): capacity and `least_open`.
    mutating func leadsInCadence(of rep: RepID) -> Int
}

extension EngineWorld {
    public func hasLead(_ id: LeadID) -> Bool { lead(id) != nil }
}
