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
        for candidate in world.team.chain(of: rep)
        where world.team.isAvailable(candidate, at: now) && !excluded.contains(candidate) {
            if canTake(candidate, in: &world) { return candidate }
        }
        return nil
    }

    /// The team's next rep by its strategy, among available reps below
    /// capacity and not in `excluded`; moves the team's pointer.
    mutating func pickInTeam(_ team: String, excluding excluded: [RepID], in world: inout some EngineWorld) -> RepID? {
        let strategy = rules.routing.strategy(of: team)
        var loads: [RepID: Int] = [:]
        for rep in world.team.roster(of: team) where world.team.isAvailable(rep, at: now) && !excluded.contains(rep) {
            let needsLoad = strategy == .leastOpen || world.team.members[rep]?.rep.capacity != nil
            loads[rep] = needsLoad ? world.leadsInCadence(of: rep) : 0
        }
        let members = world.team.members
        return world.team.pick(in: team, strategy: strategy, at: now, eligible: { rep in
            guard let load = loads[rep] else { return false }
            return members[rep]?.rep.capacity.map { load < $0 } ?? true
        }, load: { loads[$0] ?? 0 })
    }

    /// The team routing gives the lead's current profile.
    func teamOf(_ lead: LeadState) -> String {
        rules.routing.team(for: lead.profile)
    }
}
