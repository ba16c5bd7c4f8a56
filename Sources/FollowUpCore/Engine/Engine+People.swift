extension EnginePass {
    /// `lead.accepted`: recorded (reports count it); it closes an acceptance window.
    mutating func accept(_ id: LeadID, by rep: RepID, in world: inout some EngineWorld) {
        guard var lead = world.lead(id), !lead.status.isFinal, lead.owner == rep else {
            note(id, "lead.accepted by \(rep), who is not the owner: recorded, nothing changes")
            return
        }
        if lead.acceptBy != nil {
            lead.acceptBy = nil
            note(id, "\(rep) accepts the lead: the acceptance window closes")
            world.save(lead)
        } else {
            note(id, "\(rep) accepts the lead")
        }
    }

    /// `lead.declined` by the owner while step 1 is open: the lead moves on.
    /// By anyone else, or at another time, it is recorded and changes nothing.
    mutating func decline(_ id: LeadID, by rep: RepID, in world: inout some EngineWorld) {
        guard var lead = world.lead(id), lead.owner == rep, lead.openStep?.number == 1 else {
            note(id, "lead.declined by \(rep): not the owner of an open step 1; recorded, nothing changes")
            return
        }
        note(id, "\(rep) declines the lead")
        moveAsDeclined(&lead, reason: .declined, in: &world)
        world.save(lead)
    }

    /// A decline or a missed acceptance window: a lead that reached its owner
    /// by team routing goes to the team's next rep who has not had it; any
    /// other to the first rep of the owner's chain who has not had it; a fresh
    /// step 1 deadline. Nobody: `lead.unrouted`, the owner stays nominal.
    mutating func moveAsDeclined(_ lead: inout LeadState, reason: NotificationReason, in world: inout some EngineWorld) {
        guard let owner = lead.owner else { return }
        let target: RepID?
        if lead.byRoundRobin {
            let team = teamOf(lead)
            target = pickInTeam(team, excluding: lead.had, in: &world)
            note(lead.id, target.map { "back to team \(team): \($0) is next and has not had it" }
                 ?? "nobody in team \(team) is available and new to the lead")
        } else {
            target = firstTaker(inChainOf: owner, excluding: lead.had, in: &world)
            note(lead.id, target.map { "\(describeChain(of: owner, in: world)): \($0) is the first available and new to the lead" }
                 ?? "nobody in the \(describeChain(of: owner, in: world)) is available and new to the lead")
        }
        guard let target else {
            lead.acceptBy = nil
            return unroute(&lead)
        }
        openFirstStep(&lead)
        assign(&lead, to: target, reason: reason, viaTeam: lead.byRoundRobin)
    }

    /// `rep.deactivated`: the rep leaves for good; each of their open leads
    /// moves at once, in capture order.
    mutating func deactivate(_ rep: RepID, in world: inout some EngineWorld) {
        world.team.members[rep]?.deactivated = true
        world.team.unschedule(rep)
        note(nil, "\(rep) leaves: round robin, chains and routing skip them; their open leads move")
        for var lead in world.leads(ownedBy: rep) {
            moveFromDeactivated(&lead, rep, in: &world)
            world.save(lead)
        }
    }

    /// One lead of a rep who left: step 1 as a hand-off does (fresh deadline),
    /// anything else along the chain ("has had" not required) keeping its step
    /// and deadline; nobody along the chain: the lead's team; nobody at all:
    /// `lead.unrouted`, and the lead has no owner from now on.
    private mutating func moveFromDeactivated(_ lead: inout LeadState, _ rep: RepID, in world: inout some EngineWorld) {
        let firstStep = lead.openStep?.number == 1
        var target = firstTaker(inChainOf: rep, excluding: firstStep ? lead.had : [], in: &world)
        var viaTeam = false
        if target == nil {
            target = pickInTeam(teamOf(lead), excluding: [], in: &world)
            viaTeam = true
        }
        guard let target else {
            note(lead.id, "\(rep) left and nobody can take the lead: it has no owner now")
            lead.acceptBy = nil
            unroute(&lead)
            lead.owner = nil
            lead.byRoundRobin = false
            return
        }
        note(lead.id, "\(rep) left: the lead moves to \(target)" + (viaTeam ? " (team \(teamOf(lead)))" : " (\(describeChain(of: rep, in: world)))"))
        if firstStep { openFirstStep(&lead) }
        assign(&lead, to: target, reason: .ownerDeactivated, viaTeam: viaTeam)
    }
}
