/// One rep as the roster shows them (`GET /v1/reps`, `followupctl reps`): who
/// they are, whether they take leads now or are planned to stop, and how full
/// their plate is against their capacity.
public struct RosterRep: Hashable, Sendable {
    /// The rep, their availability in force, their planned change and whether they left.
    public var member: TeamState.Member
    /// Their leads in cadence (``LeadState/isInCadence``: open with an open
    /// step, snoozed ones included): the load `capacity` limits and
    /// `least_open` compares.
    public var leadsInCadence: Int

    public init(member: TeamState.Member, leadsInCadence: Int) {
        self.member = member
        self.leadsInCadence = leadsInCadence
    }
}
