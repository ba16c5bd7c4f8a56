extension EnginePass {
    /// `touch.logged`: count it, then engage, move to the next step, or nurture.
    mutating func logTouch(_ touch: Touch, in world: inout some EngineWorld) {
        if touch.outcome == .bounced {
            // A bounce reached nobody: it meets no step, engages nothing, restarts no clock, ends no snooze.
            note(touch.lead, "touch by \(touch.rep): \(touch.channel.rawValue) bounced; recorded, it counts for nothing")
            return
        }
        guard var lead = world.takeLead(touch.lead) else { return }
        count(touch, on: &lead)
        // Moved, not copied, into the world: `lead` is not captured by any note here.
        world.save(consume lead)
    }

    /// A touch that reached the lead: it ends a snooze and moves the cadence.
    private mutating func count(_ touch: Touch, on lead: inout LeadState) {
        if lead.isSnoozed {
            note(lead.id, "a touch ends the snooze (was until \(lead.snoozedUntil!))")
            lead.snoozedUntil = nil
            lead.snoozeReason = nil
        }
        lead.touches += 1
        lead.lastTouchAt = now
        note(lead.id, "touch \(lead.touches) by \(touch.rep): \(touch.channel.rawValue), \(touch.outcome.rawValue)")
        advance(&lead, after: touch.outcome)
    }

    /// What a touch (logged, or the automatic acknowledgement) does to the cadence.
    mutating func advance(_ lead: inout LeadState, after outcome: Outcome) {
        if lead.status == .engaged {
            restartCheckIn(&lead, from: now)
            note(lead.id, "engaged: the touch restarts the check-in clock" + (lead.checkInAt.map { " (next \($0))" } ?? ""))
            return
        }
        guard lead.status == .open || lead.status == .nurture else {
            note(lead.id, "lead is \(lead.status.rawValue): the touch is recorded, nothing is scheduled")
            return
        }
        let policy = rules.policy(for: lead)
        lead.unrouted = false
        if policy.engagingOutcomes.contains(outcome) {
            lead.status = .engaged
            lead.step = nil
            lead.nurtureAt = nil
            restartCheckIn(&lead, from: now)
            note(lead.id, "outcome \(outcome.rawValue) engages the lead: cadence and nurture stop"
                 + (lead.checkInAt.map { "; check-in (feedback.due) at \($0)" } ?? ""))
            return
        }
        guard rules.hasCadence(lead.priority), lead.touches < policy.steps.count else {
            if rules.hasCadence(lead.priority) { lead.status = .nurture }
            lead.step = nil
            lead.nurtureAt = now + policy.nurtureEvery
            note(lead.id, "nurture: nurture.due at \(lead.nurtureAt!), then every \(policy.nurtureEvery)")
            return
        }
        let number = lead.touches + 1
        let (step, why) = planner.plan(step: number, for: lead, previousTouch: now)
        lead.step = step
        let name = policy.steps[number - 1].name
        note(lead.id, "step \(number) (\(name), \(policy.steps[number - 1].channel.rawValue)) due \(step.due), deadline \(step.deadline): \(why.joined(separator: "; "))")
    }

    /// `lead.activity`: add the points; a lift moves an open step 1's deadline
    /// earlier; a big enough signal on a lead not waiting for its first call is `lead.hot`.
    mutating func recordActivity(_ action: String, on id: LeadID, in world: inout some EngineWorld) {
        guard var lead = world.lead(id), !lead.status.isFinal else { return }
        let points = rules.scoring.points[action] ?? 0
        lead.score = lead.score.saturatingSum(points)
        note(id, "activity \(action): +\(points) → score \(lead.score)")
        if let lifted = rules.lift(lead.priority, score: lead.score) {
            note(id, "score \(lead.score) lifts priority \(lead.priority) → \(lifted) (silently)")
            lift(&lead, to: lifted)
        }
        signalHot(action, points: points, &lead, in: world)
        world.save(lead)
    }

    /// Raises the lead's priority, silently; an open step 1 not yet breached
    /// gets `now` + the new first-touch time when that is earlier than its
    /// deadline and the deadline has not passed.
    mutating func lift(_ lead: inout LeadState, to lifted: String) {
        lead.priority = lifted
        guard var step = lead.openStep, step.number == 1, !step.breached,
              let firstTouch = rules.priority(named: lifted)?.firstTouch else { return }
        let moved = rules.policy(for: lead).calendar.add(firstTouch, to: now)
        if moved < step.deadline, step.deadline >= now {
            note(lead.id, "step 1 deadline moves \(step.deadline) → \(moved) (lift time + \(firstTouch) of business time)")
            step.deadline = moved
            lead.step = step
        }
    }

    /// `lead.hot` when the activity is worth `hot_at` points or more and step 1
    /// is not open (a lead waiting for its first call is being called already;
    /// its lift is its signal). It changes no timer.
    private mutating func signalHot(_ action: String, points: Int, _ lead: inout LeadState, in world: some EngineWorld) {
        guard let hotAt = rules.policy(for: lead).followThrough.hotAt, points >= hotAt else { return }
        if lead.status == .open, lead.step?.number == 1, !lead.isSnoozed {
            note(lead.id, "\(action) is worth \(points) ≥ hot_at \(hotAt), but step 1 is open: no lead.hot")
            return
        }
        let (to, reason) = standIn(for: lead, in: world)
        notify(.leadHot, &lead, to: to, reason: reason, action: action, score: lead.score)
        note(lead.id, "\(action) is worth \(points) ≥ hot_at \(hotAt): lead.hot to \(to)")
    }

    /// `lead.status`: won, lost or disqualified stop everything for good.
    mutating func close(_ id: LeadID, as status: LeadStatus, value: Amount? = nil, in world: inout some EngineWorld) {
        guard var lead = world.lead(id), !lead.status.isFinal else { return }
        lead.status = status
        // Only the status that applied carries its value: a later `won` on a closed lead changes nothing.
        lead.wonValue = status == .won ? value : nil
        lead.step = nil
        lead.nurtureAt = nil
        lead.unrouted = false
        lead.snoozedUntil = nil
        lead.snoozeReason = nil
        lead.checkInAt = nil
        note(id, "status \(status.rawValue): nothing more is sent for this lead")
        world.save(lead)
    }

    /// `lead.reassigned`: a manager's decision. Deadlines stay; no hand-off even if
    /// the rep is away. After `lead.unrouted`, step 1 stays silent until a touch:
    /// the reassignment itself is the fallback acting on the problem it owns.
    mutating func reassign(_ id: LeadID, to owner: RepID, in world: inout some EngineWorld) {
        guard var lead = world.lead(id), !lead.status.isFinal else { return }
        note(id, "reassigned by a manager to \(owner)")
        assign(&lead, to: owner, reason: .manual)
        world.save(lead)
    }
}
