public import FollowUpCore
public import FollowUpFormats

/// The answer to `GET /v1/reps`: the whole roster in roster order, at `at`.
public struct RepsBody: WireBody {
    public var at: Instant
    public var reps: [RepBody]

    public init(at: Instant, reps: [RepBody]) {
        self.at = at
        self.reps = reps
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.instant("at", at)
        w.beginArray("reps")
        for item in reps { item.write(to: &w) }
        w.endArray()
    }

    public init(reading o: WireObject) throws(WireError) {
        at = try o.instant("at")
        reps = try o.bodies("reps")
    }
}
