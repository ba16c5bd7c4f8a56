public import FollowUpCore
public import FollowUpFormats

/// The answer to `GET /v1/report?by=hour`: the window of capture times, the
/// totals, one cell per weekday × hour with calls, and the call windows to read
/// them against. `connect_percent` is a decimal (`37.5`), null with no call.
public struct CallHoursBody: WireBody {
    public var since: Instant?
    public var until: Instant?
    public var asOf: Instant
    public var by: String
    public var calls: Int
    public var connects: Int
    public var connectPercent: String?
    public var cells: [CallHourCellBody]
    public var callWindows: [CallWindowBody]

    public init(since: Instant?, until: Instant?, asOf: Instant, by: String, calls: Int, connects: Int,
                connectPercent: String?, cells: [CallHourCellBody], callWindows: [CallWindowBody]) {
        self.since = since
        self.until = until
        self.asOf = asOf
        self.by = by
        self.calls = calls
        self.connects = connects
        self.connectPercent = connectPercent
        self.cells = cells
        self.callWindows = callWindows
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.instantOrNull("since", since)
        w.instantOrNull("until", until)
        w.instant("as_of", asOf)
        w.string("by", by)
        w.int("calls", calls)
        w.int("connects", connects)
        w.value("connect_percent", connectPercent.map(JSONValue.number) ?? .null)
        w.beginArray("cells")
        for item in cells { item.write(to: &w) }
        w.endArray()
        w.beginArray("call_windows")
        for item in callWindows { item.write(to: &w) }
        w.endArray()
    }

    public init(reading o: WireObject) throws(WireError) {
        since = try o.nullableInstant("since")
        until = try o.nullableInstant("until")
        asOf = try o.instant("as_of")
        by = try o.string("by")
        calls = try o.int("calls")
        connects = try o.int("connects")
        connectPercent = try o.nullableNumberText("connect_percent")
        cells = try o.bodies("cells")
        callWindows = try o.bodies("call_windows")
    }
}
