/// What the store knows about one lead that a report needs: its state now,
/// every touch logged for it and every breach notice sent about it.
///
/// The store hands these over as recorded; what they mean (SLA met, dropped,
/// a breach's rep) is decided by ``LeadOutcome`` in the core.
public struct LeadFacts: Sendable, Hashable {
    /// The lead as it stands now.
    public var lead: LeadState
    /// `touch.logged` events for the lead, oldest first.
    public var touches: [TouchFact]
    /// `sla.breached` notifications about the lead (one per notification id, not
    /// per receiver), in minting order.
    public var breachNotices: [BreachNotice]

    public init(lead: LeadState, touches: [TouchFact], breachNotices: [BreachNotice]) {
        self.lead = lead
        self.touches = touches
        self.breachNotices = breachNotices
    }
}

/// One logged touch, as the event log has it.
public struct TouchFact: Sendable, Hashable {
    public var at: Instant
    public var rep: RepID
    public var outcome: Outcome

    public init(at: Instant, rep: RepID, outcome: Outcome) {
        self.at = at
        self.rep = rep
        self.outcome = outcome
    }
}

/// One `sla.breached` notification: when, for which step, to whom.
public struct BreachNotice: Sendable, Hashable {
    public var at: Instant
    public var step: Int
    public var to: String

    public init(at: Instant, step: Int, to: String) {
        self.at = at
        self.step = step
        self.to = to
    }
}
