public import FollowUpCore
public import FollowUpFormats

/// A timer pending for a lead: what it is for (`due:2`, `deadline:1`,
/// `nurture`, `wake`, `checkin`) and when it fires.
public struct LeadTimerBody: WireBody {
    public var kind: String
    public var at: Instant

    public init(kind: String, at: Instant) {
        self.kind = kind
        self.at = at
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("kind", kind)
        w.instant("at", at)
    }

    public init(reading o: WireObject) throws(WireError) {
        kind = try o.string("kind")
        at = try o.instant("at")
    }
}
