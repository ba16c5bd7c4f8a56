/// Computes when a cadence step is due and when it is breached, and says why.
///
/// Step 1 is due at the assignment and its deadline is the priority's
/// first-touch time of business time later. Later steps resolve their rule's
/// expressions against the capture, the touch before them and their own due
/// time; call steps move into the next call window of the lead's zone.
package struct StepPlanner {
    let rules: Rules
    let explains: Bool

    /// Reports plan step 1 as it was at capture (the first-touch deadline) with the engine's own planner.
    package init(rules: Rules, explains: Bool) {
        self.rules = rules
        self.explains = explains
    }

    /// Step `number` re-opened at a wake: due `at` (no call window: the lead
    /// chose the time), its deadline from the step's rule with that due (step
    /// 1: `at` + the first-touch time; `previous_touch` anchors still read the
    /// touch before).
    func reopen(step number: Int, for lead: LeadState, at: Instant, previousTouch: Instant) -> (step: OpenStep, why: [String]) {
        var (step, why) = plan(step: number, for: lead, previousTouch: number == 1 ? at : previousTouch, dueAt: at)
        step.dueNotified = true
        step.reopened = true
        return (step, why)
    }

    /// The plan for step `number`, counted from `previousTouch` (for step 1: the
    /// assignment); `dueAt` fixes the due time instead of the step's rule.
    package func plan(step number: Int, for lead: LeadState, previousTouch: Instant,
              dueAt: Instant? = nil) -> (step: OpenStep, why: [String]) {
        let policy = rules.policy(for: lead)
        let rule = policy.steps[number - 1]
        let firstTouch = rules.priority(named: lead.priority)?.firstTouch ?? .zero
        var why: [String] = []

        func resolve(_ e: TimeExpression, due: Instant?) -> Instant {
            let base: Instant
            if number == 1 {
                base = previousTouch  // step 1 counts from the assignment, whatever the anchor says
            } else {
                switch e.anchor {
                case .capture: base = lead.cadenceFrom ?? lead.capturedAt
                case .previousTouch: base = previousTouch
                case .due: base = due ?? previousTouch
                }
            }
            switch e.offset {
            case .wall(let span): return base + span
            case .firstTouch: return policy.calendar.add(firstTouch, to: base)
            }
        }

        var due = dueAt ?? resolve(rule.due, due: nil)
        if rule.inCallWindow, dueAt == nil {
            let zone = rules.zone(for: lead, policy: policy)
            let placement = policy.callWindows.place(due, zone: zone, calendar: policy.calendar)
            if explains {
                let shown = placement.candidates.map { "\($0.rank) \(Self.local($0.at, zone))" }.joined(separator: ", ")
                let choice: String
                if let rank = placement.rank {
                    choice = placement.withinMaxShift
                        ? "window '\(rank)' at \(Self.local(placement.at, zone))"
                        : "no window within max_shift \(policy.callWindows.maxShift); earliest is '\(rank)' at \(Self.local(placement.at, zone))"
                } else {
                    choice = "no call window at all; kept"
                }
                why.append("\(rule.due) = \(Self.local(due, zone)) → \(choice) (candidates: \(shown))")
            }
            due = placement.at
        }
        var deadline = resolve(rule.deadline, due: due)
        if explains {
            if case .firstTouch = rule.deadline.offset {
                let closed = policy.calendar.closedDays(from: due, to: deadline)
                let skipped = closed.isEmpty ? "" : "; skipped \(closed.map(\.description).joined(separator: ", "))"
                why.append("deadline = \(firstTouch) of business time (priority \(lead.priority), calendar '\(policy.calendar.name)' \(policy.calendar.zone.identifier))\(skipped)")
            } else {
                why.append("deadline = \(rule.deadline)")
            }
        }
        if let floor = rule.deadlineAtLeast {
            let least = resolve(floor, due: due)
            if least > deadline {
                if explains { why.append("raised to \(floor) = \(least)") }
                deadline = least
            }
        }
        deadline = max(deadline, due)
        return (OpenStep(number: number, due: due, deadline: deadline, dueNotified: number == 1, openedAt: previousTouch), why)
    }

    /// `Wed 2026-11-25 16:00 America/New_York`.
    static func local(_ instant: Instant, _ zone: ZoneRules) -> String {
        zone.readable(instant)
    }
}

extension Rules {
    /// The lead's policy; a lead whose policy a reload removed follows `default`
    /// (or, failing that, any policy) rather than stopping.
    public func policy(for lead: LeadState) -> Policy {
        // Most rule sets have one policy: no hashing of the lead's policy name then.
        if let onlyPolicy { return onlyPolicy }
        return policies[lead.policy] ?? policies["default"] ?? policies.values.sorted { $0.name < $1.name }[0]
    }

    /// The zone call windows are read in: the lead's, or the calendar's when it has none.
    package func zone(for lead: LeadState, policy: Policy) -> ZoneRules {
        lead.profile.timezone.flatMap { zones.rules(for: $0) } ?? policy.calendar.zone
    }

    /// Whether leads of this priority get the cadence (unknown priorities do).
    package func hasCadence(_ priority: String) -> Bool {
        self.priority(named: priority)?.hasCadence ?? true
    }

    /// The highest priority `score` lifts to that is above `priority`, if any.
    /// Nurture-only priorities are never lifted.
    package func lift(_ priority: String, score: Int) -> String? {
        guard hasCadence(priority) else { return nil }
        let current = rank(of: priority)
        let reached = scoring.lifts.filter { score >= $0.threshold }.map(\.priority)
        guard let best = reached.min(by: { rank(of: $0) < rank(of: $1) }), rank(of: best) < current else { return nil }
        return best
    }
}
