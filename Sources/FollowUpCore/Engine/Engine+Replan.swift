extension Engine {
    /// The lead with its open obligations planned by this engine's rules, as a
    /// rules reload applies them: the open step's due time and deadline are
    /// planned again from when the step opened, and the next nurture from the
    /// last one.
    ///
    /// Only what `previous` (the rules in force until now) planned is
    /// re-planned: a deadline moved by something else (a score lift) is kept,
    /// and so is what already happened — a `touch.due` that went out keeps its
    /// due time, a breached step stays breached. Priority, policy and owner are
    /// not decided again. So a reload with unchanged rules changes nothing, and
    /// notification ids (which count per step) are never minted twice.
    public func replan(_ lead: LeadState, previous: Rules) -> LeadState {
        var lead = lead
        let old = StepPlanner(rules: previous, explains: false)
        let new = StepPlanner(rules: rules, explains: false)
        if lead.status == .open, !lead.isSnoozed, var step = lead.step, !step.breached,
           step.number <= rules.policy(for: lead).steps.count,
           step.number <= previous.policy(for: lead).steps.count {
            let was = old.plan(step: step.number, for: lead, previousTouch: step.openedAt).step
            let will = new.plan(step: step.number, for: lead, previousTouch: step.openedAt).step
            if !step.dueNotified, step.due == was.due { step.due = will.due }
            if step.deadline == was.deadline { step.deadline = will.deadline }
            step.deadline = max(step.deadline, step.due)
            if step.due != lead.step?.due || step.deadline != lead.step?.deadline { step.window = step.deadline - step.due }
            lead.step = step
        }
        let policy = rules.policy(for: lead)
        // Repeats and check-ins count from what happened (the last breach, the
        // last touch or ask), so they are planned afresh: a shorter interval
        // moves them, a feature turned off cancels them.
        if lead.status == .open, !lead.isSnoozed, !lead.unrouted, var step = lead.step, step.breached,
           step.number >= 2, let last = step.lastBreachAt {
            step.repeatAt = policy.followThrough.breachRepeat.map { policy.calendar.nextOpen(from: last + $0) }
            lead.step = step
        }
        if lead.status == .engaged, !lead.isSnoozed, let from = lead.checkInFrom {
            lead.checkInAt = policy.followThrough.checkInEvery.map { policy.calendar.nextOpen(from: from + $0) }
        }
        if let nurtureAt = lead.nurtureAt, !lead.status.isFinal, lead.status != .engaged {
            let was = previous.policy(for: lead).nurtureEvery
            let will = rules.policy(for: lead).nurtureEvery
            lead.nurtureAt = nurtureAt + TimeSpan(seconds: will.seconds - was.seconds)
        }
        return lead
    }
}

extension ReplanReport {
    /// Counts one lead a reload looked at, and lists it (up to `keep`) when
    /// its obligations moved. ``ReplanWalk`` (every store's re-plan) reports through this.
    /// - Returns: whether it moved (the store then writes `after`).
    public mutating func add(before: LeadState, after: LeadState, keep: Int) -> Bool {
        examined += 1
        guard let moved = LeadReplan(before: before, after: after) else { return false }
        movedCount += 1
        if self.moved.count < keep { self.moved.append(moved) }
        return true
    }
}

/// What a rules reload moves for one lead: its open step's due time and
/// deadline and its next nurture, before and after.
public struct LeadReplan: Sendable, Hashable {
    public var lead: LeadID
    public var owner: RepID?
    public var before: Obligations
    public var after: Obligations

    public init(lead: LeadID, owner: RepID?, before: Obligations, after: Obligations) {
        self.lead = lead
        self.owner = owner
        self.before = before
        self.after = after
    }

    /// Compares a lead before and after ``Engine/replan(_:previous:)``; nil when nothing moved.
    public init?(before: LeadState, after: LeadState) {
        let b = Obligations(before), a = Obligations(after)
        guard a != b else { return nil }
        self.init(lead: after.id, owner: after.owner, before: b, after: a)
    }
}

/// A lead's pending obligations: the open step, its repeated breach, and
/// when nurture and the next check-in are.
public struct Obligations: Sendable, Hashable {
    public var step: Int?
    public var due: Instant?
    public var deadline: Instant?
    public var nurtureAt: Instant?
    public var repeatAt: Instant?
    public var checkInAt: Instant?

    public init(step: Int? = nil, due: Instant? = nil, deadline: Instant? = nil, nurtureAt: Instant? = nil,
                repeatAt: Instant? = nil, checkInAt: Instant? = nil) {
        self.step = step
        self.due = due
        self.deadline = deadline
        self.nurtureAt = nurtureAt
        self.repeatAt = repeatAt
        self.checkInAt = checkInAt
    }

    /// What `lead`'s timers are waiting for.
    public init(_ lead: LeadState) {
        let open = lead.openStep
        self.init(step: open?.number, due: open.flatMap { $0.dueNotified ? nil : $0.due },
                  deadline: open.flatMap { $0.breached ? nil : $0.deadline },
                  nurtureAt: lead.status.isFinal || lead.status == .engaged ? nil : lead.nurtureAt,
                  repeatAt: open.flatMap { $0.breached ? $0.repeatAt : nil },
                  checkInAt: lead.status == .engaged && !lead.isSnoozed ? lead.checkInAt : nil)
    }
}
