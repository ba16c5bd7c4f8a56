
/// The answer to `POST /v1/leads/{id}/erase`: what was rewritten, cancelled
/// and dropped, and whether the write-ahead log was emptied (false when a
/// reader held it: the erasure is committed all the same).
public struct ErasureBody: WireBody, Codable {
    public var lead: String
    public var erased: Bool
    public var events: Int
    public var notifications: Int
    public var timers: Int
    public var undelivered: Int
    public var logEmptied: Bool

    public init(lead: String, erased: Bool, events: Int, notifications: Int, timers: Int, undelivered: Int,
                logEmptied: Bool) {
        self.lead = lead
        self.erased = erased
        self.events = events
        self.notifications = notifications
        self.timers = timers
        self.undelivered = undelivered
        self.logEmptied = logEmptied
    }
}
