public import FollowUpCore
import FollowUpFormats
/// What the store knows about one lead that a report needs: its state now,
/// every touch logged for it, the notifications about it that reports count,
/// and its reps' accepts and declines.
///
/// The store hands these over as recorded; what they mean (SLA met, dropped,
/// a breach's rep, a check-in answered) is decided by ``LeadOutcome`` in the core.
public struct LeadFacts: Sendable, Hashable {
    /// The lead as it stands now.
    public var lead: LeadState
    /// `touch.logged` events for the lead, oldest first, bounced ones included
    /// (the core decides what counts).
    public var touches: [TouchFact]
    /// Notifications about the lead of the kinds in ``NoticeFact/reportedKinds``
    /// (one per notification id, not per receiver), in minting order.
    public var notices: [NoticeFact]
    /// `lead.accepted` and `lead.declined` events for the lead, oldest first.
    public var responses: [OfferResponse]

    public init(lead: LeadState, touches: [TouchFact], notices: [NoticeFact], responses: [OfferResponse] = []) {
        self.lead = lead
        self.touches = touches
        self.notices = notices
        self.responses = responses
    }

    /// The `sla.breached` notices, in minting order.
    public var breachNotices: [NoticeFact] { notices.filter { $0.kind == .slaBreached } }
}

/// One logged touch, as the event log has it.
public struct TouchFact: Sendable, Hashable {
    public var at: Instant
    public var rep: RepID
    public var outcome: Outcome
    /// How the rep reached out (nil where the store did not say: the reports before best-time-to-call).
    public var channel: Channel?

    public init(at: Instant, rep: RepID, outcome: Outcome, channel: Channel? = nil) {
        self.at = at
        self.rep = rep
        self.outcome = outcome
        self.channel = channel
    }

    /// Whether the touch reached someone. A bounced touch counts for nothing
    /// (DESIGN.md version 2), in reports as in the engine.
    public var counts: Bool { outcome != .bounced }
}
