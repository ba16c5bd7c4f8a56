
/// A team's leads in cadence now (`every lead` for the whole roster).
public struct TeamLoadBody: WireBody, Codable {
    public var team: String
    public var leadsInCadence: Int

    public init(team: String, leadsInCadence: Int) {
        self.team = team
        self.leadsInCadence = leadsInCadence
    }
}
