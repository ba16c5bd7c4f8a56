import FollowUpCore

/// First-touch SLA for the leads captured in one week (starting `week`, a date).
public struct ReportWeekBody: WireBody, Codable {
    public var week: String
    public var slaMet: Int
    public var slaMissed: Int
    @NumberText public var slaMetPercent: String?

    public init(week: String, slaMet: Int, slaMissed: Int, slaMetPercent: String?) {
        self.week = week
        self.slaMet = slaMet
        self.slaMissed = slaMissed
        self.slaMetPercent = slaMetPercent
    }
}
