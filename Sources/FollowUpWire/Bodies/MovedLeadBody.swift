
/// A lead a rules preview would move: its obligations under the running rules
/// (`before`) and under the candidate (`after`).
public struct MovedLeadBody: WireBody, Codable {
    public var lead: String
    public var owner: String?
    public var before: ObligationsBody
    public var after: ObligationsBody

    public init(lead: String, owner: String?, before: ObligationsBody, after: ObligationsBody) {
        self.lead = lead
        self.owner = owner
        self.before = before
        self.after = after
    }
}
