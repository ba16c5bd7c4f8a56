extension EnginePass {
    /// Fires a timer, if the lead still asks for it.
    mutating func fire(_ timer: LeadTimer, in world: inout some EngineWorld) {
        if timer.kind == .availabilityChange {
            guard world.team.timers.contains(timer) else { return }
            return applyScheduledAvailability(of: timer.lead, in: &world)
        }
        guard var lead = world.takeLead(timer.lead) else { return }
        if lead.asks(for: timer) { fire(timer, on: &lead, in: &world) }
        // Moved, not copied, into the world: `lead` is not captured by any note here.
        world.save(consume lead)
    }

    /// What a timer the lead asks for does to it.
    private mutating func fire(_ timer: LeadTimer, on lead: inout LeadState, in world: inout some EngineWorld) {
        switch timer.kind {
        case .due(let number):
            lead.step?.dueNotified = true
            let (to, reason) = standIn(for: lead, in: world)
            notify(.touchDue, &lead, to: to, step: number, deadline: lead.step?.deadline, reason: reason)
        case .deadline(let number):
            lead.step?.breached = true
            if number == 1 {
                breachFirstStep(&lead, in: &world)
            } else {
                breachLaterStep(number, &lead, in: &world)
            }
        case .repeatBreach(let number):
            note(lead.id, "step \(number) is still unmet: the breach repeats")
            breachLaterStep(number, &lead, in: &world)
        case .nurture:
            let policy = rules.policy(for: lead)
            notify(.nurtureDue, &lead, to: ownerOrFallback(of: lead))
            lead.nurtureAt = now + policy.nurtureEvery
        case .wake:
            wake(&lead, in: &world)
        case .acceptBy:
            lead.acceptBy = nil
            if let step = lead.openStep, step.number == 1, step.deadline > now, lead.owner != nil {
                note(lead.id, "\(lead.owner!) neither accepted nor touched the lead by its acceptance window: it moves on")
                moveAsDeclined(&lead, reason: .notAccepted, in: &world)
            }
        case .availabilityChange:
            break
        case .checkIn:
            let (to, reason) = standIn(for: lead, in: world)
            notify(.feedbackDue, &lead, to: to, reason: reason)
            restartCheckIn(&lead, from: now)
            note(lead.id, "engaged and no status yet: feedback.due to \(to)"
                 + (lead.checkInAt.map { "; next check-in \($0)" } ?? ""))
        }
    }

    /// Step 1 missed: tell the owner, then escalate along their chain (or unroute).
    mutating func breachFirstStep(_ lead: inout LeadState, in world: inout some EngineWorld) {
        guard let owner = lead.owner else {
            unroute(&lead)
            return
        }
        notify(.slaBreached, &lead, to: .rep(owner), step: 1)
        if let target = firstTaker(inChainOf: owner, excluding: lead.had, in: &world) {
            note(lead.id, "step 1 missed by \(owner); \(describeChain(of: owner, in: world)); escalate to \(target) (available, has not had the lead)")
            openFirstStep(&lead)
            assign(&lead, to: target, reason: .escalated)
        } else {
            note(lead.id, "step 1 missed by \(owner); \(describeChain(of: owner, in: world)); had: \(lead.had.joined(separator: ", "))")
            unroute(&lead)
        }
    }

    /// A later step missed (first time or again): tell the owner and their
    /// first available backup; at `reassign_after_breaches` move the lead
    /// along the owner's chain, else plan the repeat; a missed confirmation
    /// may acknowledge the lead automatically.
    mutating func breachLaterStep(_ number: Int, _ lead: inout LeadState, in world: inout some EngineWorld) {
        let policy = rules.policy(for: lead)
        let rules = policy.followThrough
        guard let owner = lead.owner else {
            notify(.slaBreached, &lead, to: .fallback(self.rules.fallback), step: number)
            countBreach(&lead, policy: policy)
            return acknowledgeIfConfigured(number, &lead)
        }
        notify(.slaBreached, &lead, to: .rep(owner), step: number)
        if let backup = world.team.firstAvailable(inChainOf: owner, at: now) {
            notify(.slaBreached, &lead, to: .rep(backup), step: number)
        }
        countBreach(&lead, policy: policy)
        let count = lead.step?.breaches ?? 0
        note(lead.id, "step \(number) missed (breach \(count) by \(owner)): breach to \(owner) and the first available rep of the \(describeChain(of: owner, in: world))")
        if let limit = rules.reassignAfterBreaches, count >= limit {
            moveAfterBreaches(number, &lead, from: owner, in: &world)
        }
        acknowledgeIfConfigured(number, &lead)
    }

    /// Counts a breach of the open step and plans its repeat (next open instant
    /// of now + `breach_repeat`), when repeats are on.
    private func countBreach(_ lead: inout LeadState, policy: Policy) {
        guard var step = lead.step else { return }
        step.breaches += 1
        step.lastBreachAt = now
        step.repeatAt = policy.followThrough.breachRepeat.map { policy.calendar.nextOpen(from: now + $0) }
        lead.step = step
    }

    /// The owner let step `number` be breached `reassign_after_breaches` times:
    /// the first available rep of their chain who has not had the lead takes it,
    /// with the step's window afresh from now; nobody: `lead.unrouted`.
    private mutating func moveAfterBreaches(_ number: Int, _ lead: inout LeadState, from owner: RepID,
                                            in world: inout some EngineWorld) {
        guard var step = lead.step else { return }
        guard let target = firstTaker(inChainOf: owner, excluding: lead.had, in: &world) else {
            note(lead.id, "step \(number) breached \(step.breaches) times by \(owner); nobody in the \(describeChain(of: owner, in: world)) is available and new to the lead")
            step.repeatAt = nil
            lead.step = step
            return unroute(&lead)
        }
        step.deadline = now + step.window
        step.breached = false
        step.repeatAt = nil
        lead.step = step
        note(lead.id, "step \(number) breached \(step.breaches) times by \(owner): the lead moves to \(target) with \(step.window) to meet it (deadline \(step.deadline))")
        assign(&lead, to: target, reason: .escalated)
    }

    /// With `auto_acknowledge`, a breached step 2 sends the lead an
    /// acknowledgement that counts as touch 2, logged by `system`.
    mutating func acknowledgeIfConfigured(_ number: Int, _ lead: inout LeadState) {
        guard number == 2, rules.policy(for: lead).autoAcknowledge else { return }
        guard let email = lead.profile.email else {
            note(lead.id, "auto_acknowledge is on but the lead has no email: no acknowledgement")
            return
        }
        notify(.leadAcknowledgement, &lead, to: .lead(email))
        lead.touches += 1
        lead.lastTouchAt = now
        note(lead.id, "acknowledgement sent to \(email); it counts as touch \(lead.touches) by \(RepID.system)")
        advance(&lead, after: .sent)
    }

    /// An engaged lead's next check-in counts from `from`: the next open
    /// instant of `from + check_in_every` (none when check-ins are off).
    func restartCheckIn(_ lead: inout LeadState, from: Instant) {
        let policy = rules.policy(for: lead)
        lead.checkInFrom = from
        lead.checkInAt = policy.followThrough.checkInEvery.map { policy.calendar.nextOpen(from: from + $0) }
    }
}
