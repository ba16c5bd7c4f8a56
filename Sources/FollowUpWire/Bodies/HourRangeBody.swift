public import FollowUpFormats

/// A range of local clock times in a call window, `09:00`–`11:30`.
public struct HourRangeBody: WireBody {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("from", from)
        w.string("to", to)
    }

    public init(reading o: WireObject) throws(WireError) {
        from = try o.string("from")
        to = try o.string("to")
    }
}
