import FollowUpCore
import FollowUpFormats

/// What one lead's ``LeadContribution`` adds to the group rows, bin counts
/// and filed values. A write applies new shares minus old ones (a delta) to
/// the stored rows; a report adds the shares of the leads of a window's
/// partial edge days to the summed rows of its whole days.
///
/// Figures that depend on now are counted as if the deadline had passed
/// (awaiting the first touch counts as missed, a drop deadline as not
/// dropped) and corrected at query time (``ReportGroups/correct(_:asOf:)``).
public struct LeadShares: Sendable {
    /// What the lead adds to each group row of its capture day.
    public var cells: [GroupCell: GroupSums] = [:]
    /// What it adds to each bin count (speed to lead, time to accept).
    public var bins: [BinCell: Int64] = [:]
    /// Its durations, each filed under its group and bin.
    public var values: Set<BinnedValue> = []

    /// No shares (a lead not yet kept, or gone).
    public init() {}

    /// Adds `other` times `sign` (−1: take away a lead's old shares).
    public mutating func add(_ other: LeadShares, times sign: Int64) {
        for (cell, sums) in other.cells { cells[cell, default: GroupSums()].add(sums, times: sign) }
        for (cell, count) in other.bins { bins[cell, default: 0] += sign * count }
    }
}

extension LeadContribution {
    /// The lead's shares of every group row of its capture day.
    public var shares: LeadShares {
        var s = LeadShares()
        var values: Set<BinnedValue> = []
        addShares(to: &s, times: 1, values: &values)
        s.values = values
        return s
    }

    /// Adds the lead's shares times `sign` to the cells and bins of `s`, without its filed durations.
    public func addShares(to s: inout LeadShares, times sign: Int64) {
        var values: Set<BinnedValue> = []
        addShares(to: &s, times: sign, values: &values)
    }

    /// Adds the lead's shares times `sign` to the cells and bins of `s`
    /// (−1: take its old shares away), and its filed durations to `values`.
    /// In place: a write transaction applies a batch's leads to one sum, with
    /// no map of the lead's own built and merged per lead.
    public func addShares(to s: inout LeadShares, times sign: Int64, values: inout Set<BinnedValue>) {
        let day = GroupCell.day(of: capturedAt)
        let keys = ReportGrouping.allCases.map { (ReportDimension($0), $0.key(of: self)) }
        func add(_ dimension: ReportDimension, _ key: String, _ sums: GroupSums) {
            s.cells[GroupCell(dimension, key, day: day), default: GroupSums()].add(sums, times: sign)
        }
        func add(_ dimension: ReportDimension, _ key: String, _ column: GroupColumn, _ n: Int64) {
            s.cells[GroupCell(dimension, key, day: day), default: GroupSums()][column] += sign * n
        }
        func toLeadGroups(_ sums: GroupSums) {
            add(.all, "all", sums)
            for (dimension, key) in keys { add(dimension, key, sums) }
        }
        guard !merged else {
            var merge = GroupSums()
            merge[.merges] = 1
            toLeadGroups(merge)
            return
        }
        // The same figures in each of the lead's groups: computed once.
        var figures = GroupSums()
        addLeadFigures(to: &figures)
        toLeadGroups(figures)
        for (n, offer) in offers.enumerated() {
            var sums = GroupSums()
            sums[.offered] = 1
            if offer.acceptSeconds != nil { sums[.accepted] = 1 }
            add(.all, "all", sums)
            for (dimension, key) in keys { add(dimension, dimension == .rep ? offer.rep : key, sums) }
            if let seconds = offer.acceptSeconds {
                file(.accept, seconds, n: n, day: day, keys: [(.all, "all")] + keys.map { ($0, $0 == .rep ? offer.rep : $1) },
                     times: sign, into: &s, values: &values)
            }
        }
        for rep in decliners {
            add(.all, "all", .declines, 1)
            for (dimension, key) in keys { add(dimension, dimension == .rep ? rep : key, .declines, 1) }
        }
        if let speedSeconds {
            file(.speed, speedSeconds, n: 0, day: day, keys: [(.all, "all")] + keys, times: sign, into: &s, values: &values)
        }
        let band = speedSeconds.map { seconds in Report.speedBands.firstIndex { seconds <= $0.limit } ?? Report.speedBands.count }
            ?? Report.speedBands.count + 1
        add(.speedBand, String(band), .leads, 1)
        add(.touchCount, String(min(loggedTouches, 5)), .leads, 1)
        for rep in breachReps { add(.breach, rep, .breaches, 1) }
        for slot in callSlots {
            add(.callSlot, String(slot.slot), .calls, Int64(slot.calls))
            add(.callSlot, String(slot.slot), .connects, Int64(slot.connects))
        }
    }

    /// The figures of the lead itself in each of its groups (offers and declines apart).
    private func addLeadFigures(to sums: inout GroupSums) {
        sums[.leads] += 1
        switch settledSLA {
        case .met: sums[.slaMet] += 1
        case .missed: sums[.slaMissed] += 1
        case .pending, .notApplicable: break
        // Awaiting the first touch: missed unless its deadline is still ahead at query time.
        case nil: if slaDeadline != nil { sums[.slaMissed] += 1 }
        }
        if loggedTouches == 0 { sums[.neverTouched] += 1 }
        sums[.touches] += Int64(loggedTouches)
        if dropped { sums[.dropped] += 1 }
        if cadenceCompleted { sums[.cadencesCompleted] += 1 }
        sums[.breaches] += Int64(breachReps.count)
        switch status {
        case .engaged: sums[.engaged] += 1
        case .won:
            sums[.won] += 1
            if let wonValue {
                sums[.revenueCents] += wonValue.cents
                sums[.valuedWins] += 1
            }
        case .lost: sums[.lost] += 1
        case .open, .nurture, .disqualified, .merged: break
        }
        if snoozed { sums[.snoozedNow] += 1 }
        sums[.breachesRepeated] += Int64(repeatedBreaches)
        sums[.movedAfterBreaches] += Int64(movesAfterBreaches)
        sums[.checkInsSent] += Int64(checkInsSent)
        sums[.checkInsAnswered] += Int64(checkInsAnswered)
        sums[.hotSignals] += Int64(hotSignals)
        sums[.movedByDeactivation] += Int64(movesByDeactivation)
    }

    /// Files one duration in its bin under each of its groups.
    private func file(_ metric: ValueMetric, _ seconds: Int64, n: Int, day: Int64, keys: [(ReportDimension, String)],
                      times sign: Int64, into s: inout LeadShares, values: inout Set<BinnedValue>) {
        for (dimension, key) in keys {
            let bin = ValueBins.bin(of: seconds, in: dimension)
            s.bins[BinCell(metric: metric, dimension: dimension, key: key, day: day, bin: bin), default: 0] += sign
            values.insert(BinnedValue(metric: metric, dimension: dimension, key: key, bin: bin,
                                      capturedAt: capturedAt.secondsSinceEpoch, lead: lead, n: n, value: seconds))
        }
    }

    /// Whether the lead's figures depend on now: awaiting its first touch, or a drop deadline.
    public var dependsOnNow: Bool { !merged && (slaDeadline != nil || dropDeadline != nil) }
}
