public import FollowUpCore
import FollowUpFormats

/// The group rows of a report's window, summed: the stored rows of its whole
/// UTC days, plus the shares of the leads of its partial edge days, with the
/// figures that depend on now corrected for the leads whose deadline decides
/// them. A report is made from this alone (``Report/make(groups:grouping:window:asOf:teamLoad:sourceCosts:)``).
public struct ReportGroups: Sendable {
    /// Summed over the window's days, per dimension and key.
    public var sums: [ReportDimension: [String: GroupSums]] = [:]
    /// The total per capture day (weekly SLA compliance).
    public var totalByDay: [Int64: GroupSums] = [:]
    /// Percentiles per dimension and key, for the dimensions asked.
    public var percentiles: [ReportDimension: [String: GroupPercentiles]] = [:]
    /// Leads whose first-touch deadline is still ahead, per dimension and key
    /// (counted as missed in the rows), and per capture day.
    var pending: [ReportDimension: [String: Int]] = [:]
    var pendingByDay: [Int64: Int] = [:]
    /// Leads dropped after one touch because their open step's deadline passed, per dimension and key.
    var droppedByDeadline: [ReportDimension: [String: Int]] = [:]
    /// The earliest capture in the window (merged leads too): the start of the period sources are charged for.
    public var firstCapture: Instant?

    /// Nothing read yet.
    public init() {}

    /// Adds one stored row.
    public mutating func add(_ cell: GroupCell, _ row: GroupSums) {
        sums[cell.dimension, default: [:]][cell.key, default: GroupSums()] += row
        if cell.dimension == .all { totalByDay[cell.day, default: GroupSums()] += row }
    }

    /// Adds the group rows of a lead of a partial edge day.
    public mutating func add(_ shares: LeadShares) {
        for (cell, row) in shares.cells { add(cell, row) }
    }

    /// Corrects the figures of a lead whose deadlines decide them as of `now`
    /// (``LeadContribution/dependsOnNow``): the rows count it missed and not dropped.
    public mutating func correct(_ c: LeadContribution, asOf now: Instant) {
        guard !c.merged else { return }
        let keys = [(ReportDimension.all, "all")] + ReportGrouping.allCases.map { (ReportDimension($0), $0.key(of: c)) }
        if c.settledSLA == nil, let deadline = c.slaDeadline, deadline >= now {
            for (dimension, key) in keys { pending[dimension, default: [:]][key, default: 0] += 1 }
            pendingByDay[GroupCell.day(of: c.capturedAt), default: 0] += 1
        }
        if !c.dropped, let deadline = c.dropDeadline, deadline < now {
            for (dimension, key) in keys { droppedByDeadline[dimension, default: [:]][key, default: 0] += 1 }
        }
    }

    /// The figures of one group as of the corrections.
    func figures(_ dimension: ReportDimension, _ key: String) -> GroupFigures {
        let s = sums[dimension]?[key] ?? GroupSums()
        let pendingHere = pending[dimension]?[key] ?? 0
        var f = GroupFigures(key: key)
        f.leads = s.count(.leads)
        f.slaMet = s.count(.slaMet)
        f.slaMissed = s.count(.slaMissed) - pendingHere
        f.slaPending = pendingHere
        f.neverTouched = s.count(.neverTouched)
        f.touches = s.count(.touches)
        f.droppedAfterOneTouch = s.count(.dropped) + (droppedByDeadline[dimension]?[key] ?? 0)
        f.cadencesCompleted = s.count(.cadencesCompleted)
        f.breaches = s.count(.breaches)
        f.engaged = s.count(.engaged)
        f.won = s.count(.won)
        f.lost = s.count(.lost)
        f.snoozedNow = s.count(.snoozedNow)
        f.breachesRepeated = s.count(.breachesRepeated)
        f.movedAfterBreaches = s.count(.movedAfterBreaches)
        f.checkInsSent = s.count(.checkInsSent)
        f.checkInsAnswered = s.count(.checkInsAnswered)
        f.hotSignals = s.count(.hotSignals)
        f.offered = s.count(.offered)
        f.accepted = s.count(.accepted)
        f.declines = s.count(.declines)
        f.movedByDeactivation = s.count(.movedByDeactivation)
        f.merges = s.count(.merges)
        let p = percentiles[dimension]?[key] ?? GroupPercentiles()
        f.speedToLeadMedian = p.speedMedian.map { TimeSpan(seconds: $0) }
        f.speedToLeadP90 = p.speedP90.map { TimeSpan(seconds: $0) }
        f.timeToAcceptMedian = p.acceptMedian.map { TimeSpan(seconds: $0) }
        return f
    }

    /// The keys of a dimension with something in them, sorted.
    func keys(_ dimension: ReportDimension, where include: (GroupSums) -> Bool = { !$0.isZero }) -> [String] {
        (sums[dimension] ?? [:]).filter { include($0.value) }.keys.sorted()
    }

    /// Sources the window's leads came from (merged-away leads too), for the dashboard's filter.
    public var sourceKeys: [String] { keys(.source, where: { $0[.leads] != 0 || $0[.merges] != 0 }) }
}
