public import FollowUpCore
import FollowUpFormats
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
    /// Follow-through (DESIGN.md version 2): leads snoozed now, breaches
    /// repeated, moves after repeated breaches, check-ins sent and answered,
    /// hot signals.
    public var snoozedNow = 0
    public var breachesRepeated = 0
    public var movedAfterBreaches = 0
    public var checkInsSent = 0
    public var checkInsAnswered = 0
    public var hotSignals = 0
    /// People and routing (DESIGN.md version 2): step 1 offered to reps and
    /// accepted, the median time to accept, declines that moved a lead, moves
    /// because an owner left, and leads merged away. With `--by rep` the
    /// offers and declines are the rep's own (see ``Report``).
    public var offered = 0
    public var accepted = 0
    public var timeToAcceptMedian: TimeSpan?
    public var declines = 0
    public var movedByDeactivation = 0
    public var merges = 0

    public init(key: String) { self.key = key }

    /// Met out of met plus missed (pending and unqualified leads left out).
    public var slaMetRatio: Ratio { Ratio(slaMet, of: slaMet + slaMissed) }
    /// Logged touches per lead.
    public var touchesPerLead: Ratio { Ratio(touches, of: leads) }
    /// Check-ins answered out of check-ins sent.
    public var checkInsAnsweredRatio: Ratio { Ratio(checkInsAnswered, of: checkInsSent) }
    /// Offers of step 1 accepted out of offers made.
    public var acceptanceRatio: Ratio { Ratio(accepted, of: offered) }

    /// Figures being counted one outcome at a time (a report counts every
    /// group and the total in one pass, without copying outcomes into groups).
    struct Tally {
        var figures: GroupFigures
        var speeds: [Int64] = []
        var acceptSeconds: [Int64] = []

        init(key: String) { figures = GroupFigures(key: key) }

        mutating func add(_ o: LeadOutcome) {
            figures.leads += 1
            switch o.sla {
            case .met: figures.slaMet += 1
            case .missed: figures.slaMissed += 1
            case .pending: figures.slaPending += 1
            case .notApplicable: break
            }
            if let speed = o.speedToLead { speeds.append(speed.seconds) }
            if o.loggedTouches == 0 { figures.neverTouched += 1 }
            figures.touches += o.loggedTouches
            if o.droppedAfterOneTouch { figures.droppedAfterOneTouch += 1 }
            if o.cadenceCompleted { figures.cadencesCompleted += 1 }
            figures.breaches += o.breaches.count
            switch o.lead.status {
            case .engaged: figures.engaged += 1
            case .won: figures.won += 1
            case .lost: figures.lost += 1
            case .open, .nurture, .disqualified, .merged: break
            }
            if o.snoozedNow { figures.snoozedNow += 1 }
            figures.breachesRepeated += o.repeatedBreaches
            figures.movedAfterBreaches += o.movesAfterBreaches
            figures.checkInsSent += o.checkIns.sent
            figures.checkInsAnswered += o.checkIns.answered
            figures.hotSignals += o.hotSignals
            figures.movedByDeactivation += o.movesByDeactivation
        }

        /// One offer of step 1, counted where its rep (or its lead) belongs.
        mutating func add(_ offer: Acceptance.Offer) {
            figures.offered += 1
            if let span = offer.timeToAccept {
                figures.accepted += 1
                acceptSeconds.append(span.seconds)
            }
        }

        /// One decline that moved a lead.
        mutating func addDecline() { figures.declines += 1 }

        /// One lead merged into another: counted here only, never among `leads`.
        mutating func addMerge() { figures.merges += 1 }

        /// The figures, with the speed percentiles of what was added.
        var finished: GroupFigures {
            var f = figures
            f.speedToLeadMedian = Percentiles.median(speeds).map { TimeSpan(seconds: $0) }
            f.speedToLeadP90 = Percentiles.nearestRank(90, of: speeds).map { TimeSpan(seconds: $0) }
            f.timeToAcceptMedian = Percentiles.median(acceptSeconds).map { TimeSpan(seconds: $0) }
            return f
        }
    }
}

/// Which sources bring leads that become sales.
public struct SourceConversion: Sendable, Hashable {
    public var source: String
    public var leads: Int
    public var won: Int
    public var lost: Int
    /// Revenue and cost (``SourceReturn``).
    public var money: SourceReturn = SourceReturn()
    /// Won out of all leads of the source captured in the window.
    public var conversion: Ratio { Ratio(won, of: leads) }
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
}
