extension OpenStep {
    /// Whether the step's deadline passed before `now`. A touch exactly at
    /// the deadline is on time, so the deadline itself is not overdue yet.
    public func isOverdue(at now: Instant) -> Bool { deadline < now }
}

extension LeadState {
    /// Overdue: open, not snoozed, and its step's deadline passed before
    /// `now` (``OpenStep/isOverdue(at:)``). A snoozed lead is not overdue
    /// until it wakes. This one rule drives the API's `overdue` field and
    /// filter, the dashboard's list and the calendar's `OVERDUE:` prefix;
    /// the store's `LeadQuery.overdueAt` filter is the same rule in SQL
    /// (`deadline_open < ?`, with `deadline_open` written from ``openStep``).
    public func isOverdue(at now: Instant) -> Bool { openStep?.isOverdue(at: now) ?? false }
}
