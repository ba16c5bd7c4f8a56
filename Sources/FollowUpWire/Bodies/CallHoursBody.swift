import FollowUpCore

/// The answer to `GET /v1/report?by=hour`: the window of capture times, the
/// totals, one cell per weekday × hour with calls, and the call windows to read
/// them against. `connect_percent` is a decimal (`37.5`), null with no call.
public struct CallHoursBody: WireBody, Codable {
    /// Members written inline, beside this body's own.
    @Inline public var window: ReportWindowBody
    public var calls: Int
    public var connects: Int
    @NumberText public var connectPercent: String?
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
}
