extension EnginePass {
    /// `lead.captured`: triage, score, route, open step 1 (or nurture) and tell the owner.
    mutating func capture(_ profile: LeadProfile, in world: inout some EngineWorld) {
        // Existence only: the store answers it without reading (and decoding) the row.
        if world.hasLead(profile.id) {
            note(profile.id, "lead.captured for a known lead: nothing changes")
            return
        }
        // Triage: the first matching rule decides priority and policy.
        var priority = rules.priorities.last?.name ?? "default"
        var policy = "default"
        var ruleName = "(none)"
        for rule in rules.triage {
            if let alternative = rule.matcher.match(profile) {
                priority = rule.priority
                policy = rule.policy
                ruleName = rule.name
                note(profile.id, "triage rule '\(rule.name)' matched (alternative \(alternative + 1)) → priority \(rule.priority), policy \(rule.policy)")
                break
            }
        }
        if let given = profile.priority {
            priority = given
            note(profile.id, "priority \(given) given at capture overrides triage")
        }
        let score = profile.score ?? 0
        if let lifted = rules.lift(priority, score: score) {
            note(profile.id, "score \(score) at capture lifts priority \(priority) → \(lifted)")
            priority = lifted
        }

        let seq = world.team.nextLeadSeq
        world.team.nextLeadSeq += 1
        var lead = LeadState(profile: profile, seq: seq, capturedAt: now, priority: priority, policy: policy,
                             triageRule: ruleName, score: score, team: nil, owner: profile.owner)

        // Routing: the named owner (or their chain when away), else round robin in the team.
        var target: RepID?
        var reason = NotificationReason.new
        if let owner = profile.owner {
            lead.team = profile.team ?? world.team.members[owner]?.rep.team
            if world.team.isAvailable(owner, at: now) {
                target = owner
            } else if let backup = world.team.firstAvailable(inChainOf: owner, at: now) {
                target = backup
                reason = .ownerUnavailable
                note(lead.id, "owner \(owner) is away; \(describeChain(of: owner, in: world)); first available: \(backup)")
            } else {
                note(lead.id, "owner \(owner) is away and nobody in the \(describeChain(of: owner, in: world)) is available")
            }
        } else {
            let team = profile.team ?? rules.routing.teams.first { $0.matcher.match(profile) != nil }?.team ?? rules.routing.defaultTeam
            lead.team = team
            target = world.team.nextByRoundRobin(in: team, at: now)
            note(lead.id, target.map { "no owner: round robin in team \(team) picks \($0)" } ?? "no owner and every rep of team \(team) is away")
        }

        let policyRules = rules.policy(for: lead)
        if rules.hasCadence(priority), !policyRules.steps.isEmpty {
            openFirstStep(&lead)
        } else {
            lead.nurtureAt = now + policyRules.nurtureEvery
            note(lead.id, "no cadence for priority \(priority): nurture.due every \(policyRules.nurtureEvery), first at \(lead.nurtureAt!)")
        }
        if let target {
            assign(&lead, to: target, reason: reason)
        } else {
            unroute(&lead)
        }
        acknowledgeIfClosed(&lead)
        world.save(lead)
    }

    /// With `acknowledge_when_closed`, a qualified lead with an email captured
    /// while nobody can call hears at once that someone will be in touch. Not a touch.
    private mutating func acknowledgeIfClosed(_ lead: inout LeadState) {
        let policy = rules.policy(for: lead)
        guard policy.followThrough.acknowledgeWhenClosed, rules.hasCadence(lead.priority),
              let email = lead.profile.email, !policy.calendar.isOpen(at: now) else { return }
        notify(.leadAcknowledgement, &lead, to: email)
        note(lead.id, "captured while calendar '\(policy.calendar.name)' is closed: lead.acknowledgement to \(email)")
    }
}
