public import FollowUpFormats

/// The answer to `GET /v1/report` (docs/reports.md): the window of capture
/// times, the grouping (`by`), the total and one row per group, conversion and
/// money by source, the distributions, first-touch SLA by week, breaches by rep
/// and the load by team now. Every member is present, `null` when a figure has no value.
public struct ReportBody: WireBody {
    /// Members written inline, beside this body's own.
    public var window: ReportWindowBody
    public var total: GroupFiguresBody
    public var groups: [GroupFiguresBody]
    public var sources: [SourceReturnBody]
    public var speedToLead: [ReportBucketBody]
    public var touchesPerLead: [ReportBucketBody]
    public var weeks: [ReportWeekBody]
    public var breachesByRep: [ReportBucketBody]
    public var teamLoad: [TeamLoadBody]

    public init(window: ReportWindowBody, total: GroupFiguresBody, groups: [GroupFiguresBody],
                sources: [SourceReturnBody], speedToLead: [ReportBucketBody], touchesPerLead: [ReportBucketBody],
                weeks: [ReportWeekBody], breachesByRep: [ReportBucketBody], teamLoad: [TeamLoadBody]) {
        self.window = window
        self.total = total
        self.groups = groups
        self.sources = sources
        self.speedToLead = speedToLead
        self.touchesPerLead = touchesPerLead
        self.weeks = weeks
        self.breachesByRep = breachesByRep
        self.teamLoad = teamLoad
    }

    public func writeMembers(to w: inout JSONWriter) {
        window.writeMembers(to: &w)
        total.write(to: &w, key: "total")
        w.beginArray("groups")
        for item in groups { item.write(to: &w) }
        w.endArray()
        w.beginArray("sources")
        for item in sources { item.write(to: &w) }
        w.endArray()
        w.beginArray("speed_to_lead")
        for item in speedToLead { item.write(to: &w) }
        w.endArray()
        w.beginArray("touches_per_lead")
        for item in touchesPerLead { item.write(to: &w) }
        w.endArray()
        w.beginArray("weeks")
        for item in weeks { item.write(to: &w) }
        w.endArray()
        w.beginArray("breaches_by_rep")
        for item in breachesByRep { item.write(to: &w) }
        w.endArray()
        w.beginArray("team_load")
        for item in teamLoad { item.write(to: &w) }
        w.endArray()
    }

    public init(reading o: WireObject) throws(WireError) {
        window = try ReportWindowBody(reading: o)
        total = try o.body("total")
        groups = try o.bodies("groups")
        sources = try o.bodies("sources")
        speedToLead = try o.bodies("speed_to_lead")
        touchesPerLead = try o.bodies("touches_per_lead")
        weeks = try o.bodies("weeks")
        breachesByRep = try o.bodies("breaches_by_rep")
        teamLoad = try o.bodies("team_load")
    }
}
