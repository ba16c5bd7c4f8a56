extension EnginePass {
    /// `lead.captured`: triage, score, route, open step 1 (or nurture) and tell the owner.
    mutating func capture(_ profile: LeadProfile, in world: inout some EngineWorld) {
        // Existence only: the store answers it without reading (and decoding) the row.
        if world.hasLead(profile.id) {
            note(profile.id, "lead.captured for a known lead: nothing changes")
            return
        }
        var (priority, policy, ruleName) = triage(profile)
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
        var viaTeam = false
        if let owner = profile.owner {
            lead.team = profile.team ?? world.team.members[owner]?.rep.team
            if world.team.isAvailable(owner, at: now) {
                target = owner
            } else if let backup = firstTaker(inChainOf: owner, excluding: [], in: &world) {
                target = backup
                reason = .ownerUnavailable
                note(lead.id, "owner \(owner) is away; \(describeChain(of: owner, in: world)); first available: \(backup)")
            } else {
                note(lead.id, "owner \(owner) is away and nobody in the \(describeChain(of: owner, in: world)) is available")
            }
        } else {
            let team = rules.routing.team(for: profile)
            lead.team = team
            target = pickInTeam(team, excluding: [], in: &world)
            viaTeam = true
            let strategy = rules.routing.strategy(of: team).rawValue
            note(lead.id, target.map { "no owner: \(strategy) in team \(team) picks \($0)" } ?? "no owner and nobody in team \(team) can take it (away or at capacity)")
        }

        let policyRules = rules.policy(for: lead)
        if rules.hasCadence(priority), !policyRules.steps.isEmpty {
            openFirstStep(&lead)
        } else {
            lead.nurtureAt = now + policyRules.nurtureEvery
            note(lead.id, "no cadence for priority \(priority): nurture.due every \(policyRules.nurtureEvery), first at \(lead.nurtureAt!)")
        }
        if let target {
            assign(&lead, to: target, reason: reason, viaTeam: viaTeam)
        } else {
            unroute(&lead)
        }
        acknowledgeIfClosed(&lead)
        world.save(lead)
    }

    /// Triage: the first matching rule decides priority and policy (and says which rule, for people).
    func triage(_ profile: LeadProfile) -> (priority: String, policy: String, rule: String) {
        for rule in rules.triage {
            if let alternative = rule.matcher.match(profile) {
                note(profile.id, "triage rule '\(rule.name)' matched (alternative \(alternative + 1)) → priority \(rule.priority), policy \(rule.policy)")
                return (rule.priority, rule.policy, rule.name)
            }
        }
        return (rules.priorities.last?.name ?? "default", "default", "(none)")
    }

    /// With `acknowledge_when_closed`, a qualified lead with an email captured
    /// while nobody can call hears at once that someone will be in touch. Not a touch.
    private mutating func acknowledgeIfClosed(_ lead: inout LeadState) {
        let policy = rules.policy(for: lead)
        guard policy.followThrough.acknowledgeWhenClosed, rules.hasCadence(lead.priority),
              let email = lead.profile.email, !policy.calendar.isOpen(at: now) else { return }
        notify(.leadAcknowledgement, &lead, to: .lead(email))
        note(lead.id, "captured while calendar '\(policy.calendar.name)' is closed: lead.acknowledgement to \(email)")
    }
}
