public import FollowUpFormats

/// The answer to `POST /v1/rules/preview` for valid rules (`valid` is true):
/// both versions, how many open leads were examined and would move, and the
/// first of them (up to `limit`).
public struct RulesPreviewBody: WireBody {
    public var valid: Bool
    public var runningVersion: String
    public var candidateVersion: String
    public var examined: Int
    public var moved: Int
    public var leads: [MovedLeadBody]

    public init(valid: Bool, runningVersion: String, candidateVersion: String, examined: Int, moved: Int,
                leads: [MovedLeadBody]) {
        self.valid = valid
        self.runningVersion = runningVersion
        self.candidateVersion = candidateVersion
        self.examined = examined
        self.moved = moved
        self.leads = leads
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.bool("valid", valid)
        w.string("running_version", runningVersion)
        w.string("candidate_version", candidateVersion)
        w.int("examined", examined)
        w.int("moved", moved)
        w.beginArray("leads")
        for item in leads { item.write(to: &w) }
        w.endArray()
    }

    public init(reading o: WireObject) throws(WireError) {
        valid = try o.bool("valid")
        runningVersion = try o.string("running_version")
        candidateVersion = try o.string("candidate_version")
        examined = try o.int("examined")
        moved = try o.int("moved")
        leads = try o.bodies("leads")
    }
}
