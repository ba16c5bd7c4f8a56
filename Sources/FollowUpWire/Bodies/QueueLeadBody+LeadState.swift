public import FollowUpCore

extension QueueLeadBody {
    /// The lead as a rep's queue shows it at `now`. `overdue` once the open
    /// step's deadline is before `now` (a touch exactly at the deadline is on
    /// time); `stepRule`, by the rules in force, says what the step asks and on
    /// which channel. A snoozed lead has no due time, deadline or overdue.
    public init(_ lead: LeadState, now: Instant, stepRule: StepRule?) {
        let open = lead.openStep
        let isOpen = lead.status == .open
        self.init(id: lead.id, name: lead.profile.name, company: lead.profile.company, phone: lead.profile.phone,
                  email: lead.profile.email, timezone: lead.profile.timezone, priority: lead.priority, score: lead.score,
                  status: lead.status, step: isOpen ? lead.step?.number : nil, stepName: isOpen ? stepRule?.name : nil,
                  channel: isOpen ? stepRule?.channel : nil, due: open?.due, deadline: open?.deadline,
                  overdue: lead.isOverdue(at: now), snoozedUntil: lead.isSnoozed ? lead.snoozedUntil : nil,
                  snoozeReason: lead.isSnoozed ? lead.snoozeReason : nil)
    }
}
