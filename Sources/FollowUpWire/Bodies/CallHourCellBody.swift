import FollowUpCore
public import FollowUpFormats

/// One weekday × hour of `GET /v1/report?by=hour` with calls: how many, how
/// many connected, the rate (null with no call) and the call window it lies in
/// (null outside every window).
public struct CallHourCellBody: WireBody {
    public var weekday: String
    public var hour: Int
    public var calls: Int
    public var connects: Int
    public var connectPercent: String?
    public var window: String?

    public init(weekday: String, hour: Int, calls: Int, connects: Int, connectPercent: String?, window: String?) {
        self.weekday = weekday
        self.hour = hour
        self.calls = calls
        self.connects = connects
        self.connectPercent = connectPercent
        self.window = window
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("weekday", weekday)
        w.int("hour", hour)
        w.int("calls", calls)
        w.int("connects", connects)
        w.value("connect_percent", connectPercent.map(JSONValue.number) ?? .null)
        w.stringOrNull("window", window)
    }

    public init(reading o: WireObject) throws(WireError) {
        weekday = try o.string("weekday")
        hour = try o.int("hour")
        calls = try o.int("calls")
        connects = try o.int("connects")
        connectPercent = try o.nullableNumberText("connect_percent")
        window = try o.nullableString("window")
    }
}
