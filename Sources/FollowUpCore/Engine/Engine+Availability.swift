extension EnginePass {
    /// `rep.availability`: record it; a rep who just went away hands each lead
    /// awaiting its first touch to the first available rep of their chain who
    /// has not had it, with a fresh deadline. A return triggers nothing.
    mutating func changeAvailability(of rep: RepID, to availability: Availability, in world: inout some EngineWorld) {
        let wasAvailable = world.team.isAvailable(rep, at: now)
        world.team.members[rep]?.availability = availability
        guard wasAvailable, !world.team.isAvailable(rep, at: now) else { return }
        note(nil, "\(rep) goes away\(availability.until.map { " until \($0)" } ?? ""): leads awaiting a first touch move")
        for var lead in world.leadsAwaitingFirstTouch(ownedBy: rep) {
            guard let target = world.team.firstAvailable(inChainOf: rep, at: now, excluding: lead.had) else {
                note(lead.id, "\(rep) went away; nobody in the \(describeChain(of: rep, in: world)) is available and new to the lead: it waits for its deadline")
                continue
            }
            note(lead.id, "\(rep) went away; hand-off to \(target) (\(describeChain(of: rep, in: world)))")
            openFirstStep(&lead)
            assign(&lead, to: target, reason: .ownerUnavailable)
            world.save(lead)
        }
    }
}
