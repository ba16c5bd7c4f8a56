
/// One rep of `GET /v1/reps`: who they are, where they stand, and their load.
/// `weight` is the one weighted routing uses (1 when none was given);
/// `capacity` is null when there is no limit.
public struct RepBody: WireBody, Codable {
    public var id: String
    public var name: String?
    public var email: String?
    public var team: String?
    public var backup: String?
    public var timezone: String?
    /// Members written inline, beside this body's own.
    @Inline public var standing: RepStandingBody
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
}
