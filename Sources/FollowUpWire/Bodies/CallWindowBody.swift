public import FollowUpFormats

/// One rank of the rules' call windows: its name, weekdays and hours.
public struct CallWindowBody: WireBody {
    public var rank: String
    public var days: [String]
    public var hours: [HourRangeBody]

    public init(rank: String, days: [String], hours: [HourRangeBody]) {
        self.rank = rank
        self.days = days
        self.hours = hours
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("rank", rank)
        w.beginArray("days")
        for item in days { w.string(nil, item) }
        w.endArray()
        w.beginArray("hours")
        for item in hours { item.write(to: &w) }
        w.endArray()
    }

    public init(reading o: WireObject) throws(WireError) {
        rank = try o.string("rank")
        days = try o.strings("days")
        hours = try o.bodies("hours")
    }
}
