import FollowUpCore

/// One weekday × hour of `GET /v1/report?by=hour` with calls: how many, how
/// many connected, the rate (null with no call) and the call window it lies in
/// (null outside every window).
public struct CallHourCellBody: WireBody, Codable {
    public var weekday: String
    public var hour: Int
    public var calls: Int
    public var connects: Int
    @NumberText public var connectPercent: String?
    public var window: String?

    public init(weekday: String, hour: Int, calls: Int, connects: Int, connectPercent: String?, window: String?) {
        self.weekday = weekday
        self.hour = hour
        self.calls = calls
        self.connects = connects
        self.connectPercent = connectPercent
        self.window = window
    }
}
