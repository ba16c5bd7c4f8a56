public import FollowUpFormats

/// A labelled count in a report's distribution (`speed_to_lead`, `touches_per_lead`, `breaches_by_rep`).
public struct ReportBucketBody: WireBody {
    public var label: String
    public var count: Int

    public init(label: String, count: Int) {
        self.label = label
        self.count = count
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("label", label)
        w.int("count", count)
    }

    public init(reading o: WireObject) throws(WireError) {
        label = try o.string("label")
        count = try o.int("count")
    }
}
