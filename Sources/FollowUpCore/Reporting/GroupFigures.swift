/// One row of a report: how the leads of one group (or all of them) were followed up.
/// docs/reports.md defines every figure.
public struct GroupFigures: Sendable, Hashable {
    /// The rep, source, priority or team; `all` for the total row.
    public var key: String
    /// Leads captured in the window.
    public var leads = 0
    public var slaMet = 0
    public var slaMissed = 0
    /// No touch yet and the first-touch deadline still ahead.
    public var slaPending = 0
    /// Median and p90 of speed to lead (elapsed seconds), over leads with a touch.
    public var speedToLeadMedian: TimeSpan?
    public var speedToLeadP90: TimeSpan?
    public var neverTouched = 0
    /// Touches reps logged, all leads of the group together.
    public var touches = 0
    public var droppedAfterOneTouch = 0
    public var cadencesCompleted = 0
    public var breaches = 0
    /// Status now.
    public var engaged = 0
    public var won = 0
    public var lost = 0

    public init(key: String) { self.key = key }

    /// Met out of met plus missed (pending and unqualified leads left out).
    public var slaMetRatio: Ratio { Ratio(slaMet, of: slaMet + slaMissed) }
    /// Logged touches per lead.
    public var touchesPerLead: Ratio { Ratio(touches, of: leads) }

    /// Counts the outcomes of one group.
    init(key: String, outcomes: [LeadOutcome]) {
        self.key = key
        var speeds: [Int64] = []
        for o in outcomes {
            leads += 1
            switch o.sla {
            case .met: slaMet += 1
            case .missed: slaMissed += 1
            case .pending: slaPending += 1
            case .notApplicable: break
            }
            if let speed = o.speedToLead { speeds.append(speed.seconds) }
            if o.loggedTouches == 0 { neverTouched += 1 }
            touches += o.loggedTouches
            if o.droppedAfterOneTouch { droppedAfterOneTouch += 1 }
            if o.cadenceCompleted { cadencesCompleted += 1 }
            breaches += o.breaches.count
            switch o.lead.status {
            case .engaged: engaged += 1
            case .won: won += 1
            case .lost: lost += 1
            case .open, .nurture, .disqualified: break
            }
        }
        speedToLeadMedian = Percentiles.median(speeds).map { TimeSpan(seconds: $0) }
        speedToLeadP90 = Percentiles.nearestRank(90, of: speeds).map { TimeSpan(seconds: $0) }
    }
}

/// Which sources bring leads that become sales.
public struct SourceConversion: Sendable, Hashable {
    public var source: String
    public var leads: Int
    public var won: Int
    public var lost: Int
    /// Won out of all leads of the source captured in the window.
    public var conversion: Ratio { Ratio(won, of: leads) }

    public init(source: String, leads: Int, won: Int, lost: Int) {
        self.source = source
        self.leads = leads
        self.won = won
        self.lost = lost
    }
}

/// One bar of a distribution: a label and how many.
public struct ReportBucket: Sendable, Hashable {
    public var label: String
    public var count: Int

    public init(label: String, count: Int) {
        self.label = label
        self.count = count
    }
}

/// First-touch SLA of the leads captured in one week (Monday 00:00 UTC onwards).
public struct WeekCompliance: Sendable, Hashable {
    public var weekStart: CivilDate
    public var met: Int
    public var missed: Int
    public var ratio: Ratio { Ratio(met, of: met + missed) }

    public init(weekStart: CivilDate, met: Int, missed: Int) {
        self.weekStart = weekStart
        self.met = met
        self.missed = missed
    }
}
