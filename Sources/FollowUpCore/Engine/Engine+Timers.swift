extension EnginePass {
    /// Fires a reminder, a deadline or a nurture timer, if the lead still asks for it.
    mutating func fire(_ timer: LeadTimer, in world: inout some EngineWorld) {
        guard var lead = world.lead(timer.lead), lead.timers.contains(timer) else { return }
        switch timer.kind {
        case .due(let number):
            lead.step?.dueNotified = true
            let (to, reason) = reminderReceiver(for: lead, in: world)
            notify(.touchDue, &lead, to: to, step: number, deadline: lead.step?.deadline, reason: reason)
        case .deadline(let number):
            lead.step?.breached = true
            if number == 1 {
                breachFirstStep(&lead, in: world)
            } else {
                breachLaterStep(number, &lead, in: world)
            }
        case .nurture:
            let policy = rules.policy(for: lead)
            notify(.nurtureDue, &lead, to: lead.owner ?? rules.fallback)
            lead.nurtureAt = now + policy.nurtureEvery
        }
        world.save(lead)
    }

    /// Who is reminded of a step: the owner, or while they are away the first
    /// available rep of their chain; the fallback when the lead has no owner.
    func reminderReceiver(for lead: LeadState, in world: some EngineWorld) -> (String, NotificationReason?) {
        guard let owner = lead.owner else { return (rules.fallback, .unrouted) }
        if world.team.isAvailable(owner, at: now) { return (owner, nil) }
        if let backup = world.team.firstAvailable(inChainOf: owner, at: now) { return (backup, .ownerUnavailable) }
        return (owner, nil)
    }

    /// Step 1 missed: tell the owner, then escalate along their chain (or unroute).
    mutating func breachFirstStep(_ lead: inout LeadState, in world: some EngineWorld) {
        guard let owner = lead.owner else {
            unroute(&lead)
            return
        }
        notify(.slaBreached, &lead, to: owner, step: 1)
        if let target = world.team.firstAvailable(inChainOf: owner, at: now, excluding: lead.had) {
            note(lead.id, "step 1 missed by \(owner); \(describeChain(of: owner, in: world)); escalate to \(target) (available, has not had the lead)")
            openFirstStep(&lead)
            assign(&lead, to: target, reason: .escalated)
        } else {
            note(lead.id, "step 1 missed by \(owner); \(describeChain(of: owner, in: world)); had: \(lead.had.joined(separator: ", "))")
            unroute(&lead)
        }
    }

    /// A later step missed: tell the owner and their first available backup; a
    /// missed confirmation may acknowledge the lead automatically.
    mutating func breachLaterStep(_ number: Int, _ lead: inout LeadState, in world: some EngineWorld) {
        guard let owner = lead.owner else {
            notify(.slaBreached, &lead, to: rules.fallback, step: number)
            return acknowledgeIfConfigured(number, &lead)
        }
        notify(.slaBreached, &lead, to: owner, step: number)
        if let backup = world.team.firstAvailable(inChainOf: owner, at: now) {
            notify(.slaBreached, &lead, to: backup, step: number)
        }
        note(lead.id, "step \(number) missed: breach to \(owner) and the first available rep of the \(describeChain(of: owner, in: world))")
        acknowledgeIfConfigured(number, &lead)
    }

    /// With `auto_acknowledge`, a breached step 2 sends the lead an
    /// acknowledgement that counts as touch 2, logged by `system`.
    mutating func acknowledgeIfConfigured(_ number: Int, _ lead: inout LeadState) {
        guard number == 2, rules.policy(for: lead).autoAcknowledge else { return }
        guard let email = lead.profile.email else {
            note(lead.id, "auto_acknowledge is on but the lead has no email: no acknowledgement")
            return
        }
        notify(.leadAcknowledgement, &lead, to: email)
        lead.touches += 1
        lead.lastTouchAt = now
        note(lead.id, "acknowledgement sent to \(email); it counts as touch \(lead.touches) by \(RepID.system)")
        advance(&lead, after: .sent)
    }
}
