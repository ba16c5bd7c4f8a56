public import FollowUpFormats

/// A team's leads in cadence now (`every lead` for the whole roster).
public struct TeamLoadBody: WireBody {
    public var team: String
    public var leadsInCadence: Int

    public init(team: String, leadsInCadence: Int) {
        self.team = team
        self.leadsInCadence = leadsInCadence
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("team", team)
        w.int("leads_in_cadence", leadsInCadence)
    }

    public init(reading o: WireObject) throws(WireError) {
        team = try o.string("team")
        leadsInCadence = try o.int("leads_in_cadence")
    }
}
