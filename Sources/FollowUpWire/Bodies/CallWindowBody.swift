
/// One rank of the rules' call windows: its name, weekdays and hours.
public struct CallWindowBody: WireBody, Codable {
    public var rank: String
    public var days: [String]
    public var hours: [HourRangeBody]

    public init(rank: String, days: [String], hours: [HourRangeBody]) {
        self.rank = rank
        self.days = days
        self.hours = hours
    }
}
