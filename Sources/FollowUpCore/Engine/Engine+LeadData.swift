extension EnginePass {
    /// `lead.updated`: the named profile fields change. An unqualified lead
    /// that now has an email or phone is qualified (its cadence starts); a
    /// profile that triages higher lifts the lead; a new time zone re-plans a
    /// windowed step not yet reminded. On a final lead: recorded, nothing changes.
    mutating func update(_ update: LeadUpdate, in world: inout some EngineWorld) {
        guard var lead = world.lead(update.lead), !lead.status.isFinal else {
            note(update.lead, "lead.updated on a final lead: recorded, nothing changes")
            return
        }
        let old = lead.profile
        lead.profile = update.applied(to: old)
        note(lead.id, "profile updated")
        let triaged = triage(lead.profile)
        let contactable = lead.profile.email != nil || lead.profile.phone != nil
        if !rules.hasCadence(lead.priority), contactable, rules.hasCadence(triaged.priority) {
            qualify(&lead, as: triaged, in: &world)
        } else if rules.hasCadence(lead.priority), rules.rank(of: triaged.priority) < rules.rank(of: lead.priority) {
            note(lead.id, "the new profile triages to \(triaged.priority): lifted (silently)")
            lift(&lead, to: triaged.priority)
        }
        if lead.profile.timezone != old.timezone { replanWindow(&lead) }
        world.save(lead)
    }

    /// An unqualified lead becomes a lead with a cadence, which starts now:
    /// the triaged priority lifted by the score it gathered, nurture stops,
    /// step 1 opens and the lead is routed as a capture (`lead.assigned`,
    /// reason qualified). An engaged one only takes the priority; a snoozed
    /// one is assigned without a step and opens it at its wake.
    private mutating func qualify(_ lead: inout LeadState, as triaged: (priority: String, policy: String, rule: String),
                                  in world: inout some EngineWorld) {
        lead.priority = rules.lift(triaged.priority, score: lead.score) ?? triaged.priority
        lead.policy = triaged.policy
        lead.triageRule = triaged.rule
        note(lead.id, "qualified: priority \(lead.priority), policy \(lead.policy); the cadence starts now")
        guard lead.status != .engaged else { return }
        lead.nurtureAt = nil
        lead.touches = 0
        lead.cadenceFrom = now
        lead.step = planner.plan(step: 1, for: lead, previousTouch: now).step
        lead.unrouted = false
        var target: RepID?
        var viaTeam = false
        if let owner = lead.owner {
            target = world.team.isAvailable(owner, at: now) ? owner : firstTaker(inChainOf: owner, excluding: [], in: &world)
        } else {
            target = pickInTeam(teamOf(lead), excluding: [], in: &world)
            viaTeam = true
        }
        guard let target else { return unroute(&lead) }
        assign(&lead, to: target, reason: .qualified, viaTeam: viaTeam)
    }

    /// A new time zone moves a call step's window (planned again from when the
    /// step opened) while its reminder is still to come and the lead did not choose the time.
    private func replanWindow(_ lead: inout LeadState) {
        guard var step = lead.openStep, !step.dueNotified, !step.reopened,
              rules.stepRule(step.number, for: lead)?.inCallWindow == true else { return }
        let planned = planner.plan(step: step.number, for: lead, previousTouch: step.openedAt).step
        note(lead.id, "new time zone \(lead.profile.timezone ?? "(calendar's)"): step \(step.number) due \(step.due) → \(planned.due)")
        step.due = planned.due
        step.deadline = planned.deadline
        step.window = planned.window
        lead.step = step
    }

    /// `lead.merged`: the duplicate is final (`merged`), its score joins the
    /// survivor's (a silent lift may follow); the survivor keeps the rest.
    mutating func merge(_ survivorID: LeadID, duplicate duplicateID: LeadID, in world: inout some EngineWorld) {
        guard var duplicate = world.lead(duplicateID), var survivor = world.lead(survivorID) else { return }
        duplicate.status = .merged
        duplicate.step = nil
        duplicate.nurtureAt = nil
        duplicate.snoozedUntil = nil
        duplicate.checkInAt = nil
        duplicate.acceptBy = nil
        duplicate.unrouted = false
        world.save(duplicate)
        note(duplicateID, "merged into \(survivorID): nothing more for this lead")
        guard !survivor.status.isFinal else { return }
        survivor.score = survivor.score.saturatingSum(duplicate.score)
        note(survivorID, "\(duplicateID) merged in: score → \(survivor.score)")
        if let lifted = rules.lift(survivor.priority, score: survivor.score) { lift(&survivor, to: lifted) }
        world.save(survivor)
    }
}
