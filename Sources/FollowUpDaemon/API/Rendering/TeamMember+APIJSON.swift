import FollowUpCore
import FollowUpFormats

extension TeamState.Member {
    /// The rep's availability as `GET /v1/reps` and a rep's queue show it, at
    /// `now`: `availability` is the one in force (an absence whose `until` has
    /// passed reads as available, as routing reads it), `scheduled` the planned
    /// change or null, then whether they left for good (a deactivated rep takes
    /// no leads whatever `availability` says).
    func writeAvailabilityJSON(to w: inout JSONWriter, now: Instant) {
        let away = !availability.isAvailable(at: now)
        w.beginObject("availability")
        w.bool("available", !away)
        w.instantOrNull("until", away ? availability.until : nil)
        w.stringOrNull("reason", away ? availability.reason : nil)
        w.endObject()
        if let scheduled {
            w.beginObject("scheduled")
            w.bool("available", scheduled.available)
            w.instantOrNull("from", scheduled.from)
            w.instantOrNull("until", scheduled.until)
            w.stringOrNull("reason", scheduled.reason)
            w.endObject()
        } else {
            w.null("scheduled")
        }
        w.bool("deactivated", deactivated)
    }
}

extension RosterRep {
    /// One element of `GET /v1/reps`: who the rep is, where they are, and their
    /// load. `weight` is the one weighted routing uses (1 when none was given);
    /// `capacity` is null when there is no limit.
    func writeAPIJSON(to w: inout JSONWriter, now: Instant) {
        let rep = member.rep
        w.beginObject()
        w.string("id", rep.id)
        w.stringOrNull("name", rep.name)
        w.stringOrNull("email", rep.email)
        w.stringOrNull("team", rep.team)
        w.stringOrNull("backup", rep.backup)
        w.stringOrNull("timezone", rep.timezone)
        member.writeAvailabilityJSON(to: &w, now: now)
        w.int("weight", rep.weight ?? 1)
        w.intOrNull("capacity", rep.capacity)
        w.int("leads_in_cadence", leadsInCadence)
        w.endObject()
    }
}
