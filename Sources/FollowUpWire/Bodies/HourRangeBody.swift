
/// A range of local clock times in a call window, `09:00`–`11:30`.
public struct HourRangeBody: WireBody, Codable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}
