import FollowUpCore
public import FollowUpFormats

/// First-touch SLA for the leads captured in one week (starting `week`, a date).
public struct ReportWeekBody: WireBody {
    public var week: String
    public var slaMet: Int
    public var slaMissed: Int
    public var slaMetPercent: String?

    public init(week: String, slaMet: Int, slaMissed: Int, slaMetPercent: String?) {
        self.week = week
        self.slaMet = slaMet
        self.slaMissed = slaMissed
        self.slaMetPercent = slaMetPercent
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("week", week)
        w.int("sla_met", slaMet)
        w.int("sla_missed", slaMissed)
        w.value("sla_met_percent", slaMetPercent.map(JSONValue.number) ?? .null)
    }

    public init(reading o: WireObject) throws(WireError) {
        week = try o.string("week")
        slaMet = try o.int("sla_met")
        slaMissed = try o.int("sla_missed")
        slaMetPercent = try o.nullableNumberText("sla_met_percent")
    }
}
