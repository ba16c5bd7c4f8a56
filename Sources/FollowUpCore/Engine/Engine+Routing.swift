extension EnginePass {
    /// Whether `rep` may be given one more lead: below their `capacity` (if
    /// any). Capacity limits moves, never notices.
    func canTake(_ rep: RepID, in world: inout some EngineWorld) -> Bool {
        guard let capacity = world.team.members[rep]?.rep.capacity else { return true }
        return world.leadsInCadence(of: rep) < capacity
    }

    /// The first rep of `rep`'s chain who is available, not in `excluded` and
    /// below capacity: who a lead moves to along a chain.
    func firstTaker(inChainOf rep: RepID, excluding excluded: [RepID], in world: inout some EngineWorld) -> RepID? {
        let team = world.team
        return team.firstInChain(of: rep) {
            team.isAvailable($0, at: now) && !excluded.contains($0) && canTake($0, in: &world)
        }
    }

    /// The team's next rep by its strategy, among available reps below
    /// capacity and not in `excluded`; moves the team's pointer.
    mutating func pickInTeam(_ team: String, excluding excluded: [RepID], in world: inout some EngineWorld) -> RepID? {
        // Loads are asked for only where a capacity or least_open needs them (a
        // count in the store); round robin stops at the first eligible rep.
        var picking = world.team
        let picked = picking.pick(in: team, strategy: rules.routing.strategy(of: team), at: now,
                                  eligible: { !excluded.contains($0) && canTake($0, in: &world) },
                                  load: { world.leadsInCadence(of: $0) })
        world.team = picking
        return picked
    }

    /// The team routing gives the lead's current profile.
    func teamOf(_ lead: LeadState) -> String {
        rules.routing.team(for: lead.profile)
    }
}
