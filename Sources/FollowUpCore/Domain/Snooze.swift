/// `lead.snoozed`: the lead asked to be called later ("call me next month").
///
/// Until `until` the lead's only obligation is to wake up; then its open step
/// re-opens due at `until` (the lead chose the time, so no call window).
public struct Snooze: Hashable, Sendable {
    public var lead: LeadID
    /// When the lead wakes. After the event's `at`, and at most the policy's `max_snooze` after it.
    public var until: Instant
    /// Who asked for it, for people and reports; the engine does not check it.
    public var rep: RepID?
    /// Free text shown with the lead ("call back after the budget meeting").
    public var reason: String?

    public init(lead: LeadID, until: Instant, rep: RepID? = nil, reason: String? = nil) {
        self.lead = lead
        self.until = until
        self.rep = rep
        self.reason = reason
    }
}
