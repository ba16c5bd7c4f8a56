import FollowUpCore
public import FollowUpFormats

/// The answer to `GET /v1/report?by=hour`: the window of capture times, the
/// totals, one cell per weekday × hour with calls, and the call windows to read
/// them against. `connect_percent` is a decimal (`37.5`), null with no call.
public struct CallHoursBody: WireBody {
    /// Members written inline, beside this body's own.
    public var window: ReportWindowBody
    public var calls: Int
    public var connects: Int
    public var connectPercent: String?
    public var cells: [CallHourCellBody]
    public var callWindows: [CallWindowBody]

    public init(window: ReportWindowBody, calls: Int, connects: Int, connectPercent: String?,
                cells: [CallHourCellBody], callWindows: [CallWindowBody]) {
        self.window = window
        self.calls = calls
        self.connects = connects
        self.connectPercent = connectPercent
        self.cells = cells
        self.callWindows = callWindows
    }

    public func writeMembers(to w: inout JSONWriter) {
        window.writeMembers(to: &w)
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
        window = try ReportWindowBody(reading: o)
        calls = try o.int("calls")
        connects = try o.int("connects")
        connectPercent = try o.nullableNumberText("connect_percent")
        cells = try o.bodies("cells")
        callWindows = try o.bodies("call_windows")
    }
}
