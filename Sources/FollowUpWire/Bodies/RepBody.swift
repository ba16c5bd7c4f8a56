public import FollowUpFormats

/// One rep of `GET /v1/reps`: who they are, where they stand, and their load.
/// `weight` is the one weighted routing uses (1 when none was given);
/// `capacity` is null when there is no limit.
public struct RepBody: WireBody {
    public var id: String
    public var name: String?
    public var email: String?
    public var team: String?
    public var backup: String?
    public var timezone: String?
    /// Members written inline, beside this body's own.
    public var standing: RepStandingBody
    public var weight: Int
    public var capacity: Int?
    public var leadsInCadence: Int

    public init(id: String, name: String?, email: String?, team: String?, backup: String?, timezone: String?,
                standing: RepStandingBody, weight: Int, capacity: Int?, leadsInCadence: Int) {
        self.id = id
        self.name = name
        self.email = email
        self.team = team
        self.backup = backup
        self.timezone = timezone
        self.standing = standing
        self.weight = weight
        self.capacity = capacity
        self.leadsInCadence = leadsInCadence
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("id", id)
        w.stringOrNull("name", name)
        w.stringOrNull("email", email)
        w.stringOrNull("team", team)
        w.stringOrNull("backup", backup)
        w.stringOrNull("timezone", timezone)
        standing.writeMembers(to: &w)
        w.int("weight", weight)
        w.intOrNull("capacity", capacity)
        w.int("leads_in_cadence", leadsInCadence)
    }

    public init(reading o: WireObject) throws(WireError) {
        id = try o.string("id")
        name = try o.nullableString("name")
        email = try o.nullableString("email")
        team = try o.nullableString("team")
        backup = try o.nullableString("backup")
        timezone = try o.nullableString("timezone")
        standing = try RepStandingBody(reading: o)
        weight = try o.int("weight")
        capacity = try o.nullableInt("capacity")
        leadsInCadence = try o.int("leads_in_cadence")
    }
}
