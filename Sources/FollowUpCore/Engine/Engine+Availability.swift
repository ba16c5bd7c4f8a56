extension EnginePass {
    /// `rep.availability`: record it; a rep who just went away hands each lead
    /// awaiting its first touch to the first available rep of their chain who
    /// has not had it, with a fresh deadline. A return triggers nothing.
    mutating func changeAvailability(of rep: RepID, to availability: Availability, in world: inout some EngineWorld) {
        // A later availability event replaces a pending one, with `from` or without.
        world.team.unschedule(rep)
        if let from = availability.from {
            world.team.schedule(availability, for: rep)
            note(nil, "\(rep) will be \(availability.available ? "available" : "away") from \(from)"
                 + (availability.until.map { " until \($0)" } ?? ""))
            return
        }
        applyAvailability(of: rep, availability, in: &world)
    }

    /// A planned change comes due: it happens now, as if its event came now.
    mutating func applyScheduledAvailability(of rep: RepID, in world: inout some EngineWorld) {
        guard var change = world.team.members[rep]?.scheduled else { return }
        world.team.unschedule(rep)
        change.from = nil
        note(nil, "\(rep)'s planned change comes due")
        applyAvailability(of: rep, change, in: &world)
    }

    private mutating func applyAvailability(of rep: RepID, _ availability: Availability, in world: inout some EngineWorld) {
        let wasAvailable = world.team.isAvailable(rep, at: now)
        world.team.members[rep]?.availability = availability
        guard wasAvailable, !world.team.isAvailable(rep, at: now) else { return }
        note(nil, "\(rep) goes away\(availability.until.map { " until \($0)" } ?? ""): leads awaiting a first touch move")
        for var lead in world.leadsAwaitingFirstTouch(ownedBy: rep) {
            guard let target = firstTaker(inChainOf: rep, excluding: lead.had, in: &world) else {
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
