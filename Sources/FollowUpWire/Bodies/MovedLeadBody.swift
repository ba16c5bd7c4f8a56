public import FollowUpFormats

/// A lead a rules preview would move: its obligations under the running rules
/// (`before`) and under the candidate (`after`).
public struct MovedLeadBody: WireBody {
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

    public func writeMembers(to w: inout JSONWriter) {
        w.string("lead", lead)
        w.stringOrNull("owner", owner)
        before.write(to: &w, key: "before")
        after.write(to: &w, key: "after")
    }

    public init(reading o: WireObject) throws(WireError) {
        lead = try o.string("lead")
        owner = try o.nullableString("owner")
        before = try o.body("before")
        after = try o.body("after")
    }
}
