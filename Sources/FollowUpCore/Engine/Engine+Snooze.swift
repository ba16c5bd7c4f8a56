extension EnginePass {
    /// `lead.snoozed`: the lead's obligations wait until `until`; a second
    /// snooze replaces the first. On a final lead it is recorded and changes nothing.
    mutating func snooze(_ snooze: Snooze, in world: inout some EngineWorld) {
        guard var lead = world.lead(snooze.lead) else { return }
        guard !lead.status.isFinal else {
            note(lead.id, "lead is \(lead.status.rawValue): the snooze is recorded, nothing changes")
            return
        }
        lead.snoozedUntil = snooze.until
        lead.snoozeReason = snooze.reason
        lead.acceptBy = nil  // no acceptance window runs while the lead sleeps
        note(lead.id, "snoozed until \(snooze.until)\(snooze.reason.map { " (\($0))" } ?? ""): nothing fires for it until then")
        world.save(lead)
    }

    /// A snoozed lead wakes: its open step re-opens due now, an engaged lead's
    /// owner is told and its check-in clock restarts, a lead in nurture gets
    /// `nurture.due` and its nurture clock restarts.
    mutating func wake(_ lead: inout LeadState, in world: inout some EngineWorld) {
        lead.snoozedUntil = nil
        lead.snoozeReason = nil
        let policy = rules.policy(for: lead)
        switch lead.status {
        case .open where lead.step != nil:
            reopenStep(&lead, in: &world)
        case .engaged:
            let (to, reason) = standIn(for: lead, in: world)
            notify(.touchDue, &lead, to: to, reason: reason ?? .snoozeEnded)
            restartCheckIn(&lead, from: now)
            note(lead.id, "wakes engaged: touch.due to \(to)" + (lead.checkInAt.map { "; next check-in \($0)" } ?? ""))
        default:
            notify(.nurtureDue, &lead, to: ownerOrFallback(of: lead))
            lead.nurtureAt = now + policy.nurtureEvery
            note(lead.id, "wakes in nurture: nurture.due, then every \(policy.nurtureEvery) (next \(lead.nurtureAt!))")
        }
    }

    /// The open step re-opens at the wake: due now (the lead chose the time),
    /// its deadline from the step's rule with that due, breach count restarted.
    /// Step 1 whose owner is away is handed off as at capture.
    private mutating func reopenStep(_ lead: inout LeadState, in world: inout some EngineWorld) {
        guard let open = lead.step else { return }
        let (step, why) = planner.reopen(step: open.number, for: lead, at: now, previousTouch: open.openedAt)
        lead.step = step
        lead.unrouted = false
        note(lead.id, "wakes: step \(step.number) re-opens due \(step.due), deadline \(step.deadline): \(why.joined(separator: "; "))")
        if step.number == 1, let owner = lead.owner, !world.team.isAvailable(owner, at: now) {
            if let target = firstTaker(inChainOf: owner, excluding: lead.had, in: &world) {
                note(lead.id, "\(owner) is away; hand-off to \(target) (\(describeChain(of: owner, in: world)))")
                openFirstStep(&lead)
                assign(&lead, to: target, reason: .ownerUnavailable)
                return
            }
            note(lead.id, "\(owner) is away and nobody in the \(describeChain(of: owner, in: world)) can take it")
            notify(.touchDue, &lead, to: .rep(owner), step: 1, deadline: step.deadline, reason: .snoozeEnded)
            return
        }
        let (to, reason) = standIn(for: lead, in: world)
        notify(.touchDue, &lead, to: to, step: step.number, deadline: step.deadline, reason: reason ?? .snoozeEnded)
    }
}
