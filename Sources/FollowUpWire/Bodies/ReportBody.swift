
/// The answer to `GET /v1/report` (docs/reports.md): the window of capture
/// times, the grouping (`by`), the total and one row per group, conversion and
/// money by source, the distributions, first-touch SLA by week, breaches by rep
/// and the load by team now. Every member is present, `null` when a figure has no value.
public struct ReportBody: WireBody, Codable {
    /// Members written inline, beside this body's own.
    @Inline public var window: ReportWindowBody
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
}
