public import FollowUpCore

extension RepStandingBody {
    /// The rep's standing at `now`: the availability in force (an absence whose
    /// `until` has passed reads as available, as routing reads it), the planned
    /// change, and whether they left for good.
    public init(_ member: TeamState.Member, now: Instant) {
        let away = !member.availability.isAvailable(at: now)
        self.init(
            availability: AvailabilityBody(available: !away, until: away ? member.availability.until : nil,
                                           reason: away ? member.availability.reason : nil),
            scheduled: member.scheduled.map {
                ScheduledAvailabilityBody(available: $0.available, from: $0.from, until: $0.until, reason: $0.reason)
            },
            deactivated: member.deactivated)
    }
}

extension RepBody {
    /// One rep of the roster at `now`; `weight` 1 when none was given.
    public init(_ rep: RosterRep, now: Instant) {
        let r = rep.member.rep
        self.init(id: r.id, name: r.name, email: r.email, team: r.team, backup: r.backup, timezone: r.timezone,
                  standing: RepStandingBody(rep.member, now: now), weight: r.weight ?? 1, capacity: r.capacity,
                  leadsInCadence: rep.leadsInCadence)
    }
}
