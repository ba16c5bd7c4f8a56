import FollowUpCore
import FollowUpFormats

/// One additive figure of a group row (`report_groups`): every figure a
/// report sums over leads, so a window's group is the sum of its days' rows.
/// The raw value is the column's name.
public enum GroupColumn: String, Sendable, CaseIterable {
    case leads, slaMet = "sla_met", slaMissed = "sla_missed", neverTouched = "never_touched", touches
    /// Dropped after one touch whatever now is; leads whose open step's deadline decides are added at query time.
    case dropped, cadencesCompleted = "cadences_completed", breaches, engaged, won, lost
    case snoozedNow = "snoozed_now", breachesRepeated = "breaches_repeated", movedAfterBreaches = "moved_after_breaches"
    case checkInsSent = "check_ins_sent", checkInsAnswered = "check_ins_answered", hotSignals = "hot_signals"
    case offered, accepted, declines, movedByDeactivation = "moved_by_deactivation", merges
    case revenueCents = "revenue_cents", valuedWins = "valued_wins", calls, connects
}

/// The additive figures of one group row, or of a delta to apply to it
/// (new contribution minus old; negative entries are normal in a delta).
public struct GroupSums: Sendable, Hashable {
    /// One sum per ``GroupColumn``, in ``GroupColumn/allCases`` order.
    public var values: [Int64]

    /// All zero.
    public init() { values = Array(repeating: 0, count: GroupColumn.allCases.count) }

    /// Sums read back in ``GroupColumn/allCases`` order.
    public init(values: [Int64]) {
        precondition(values.count == GroupColumn.allCases.count)
        self.values = values
    }

    /// The sum of one column.
    public subscript(column: GroupColumn) -> Int64 {
        get { values[column.position] }
        set { values[column.position] = newValue }
    }

    /// The column's figure as a report's count.
    func count(_ column: GroupColumn) -> Int { Int(self[column]) }

    /// Whether every sum is zero (a delta that changes nothing, a row whose leads all left).
    public var isZero: Bool { values.allSatisfy { $0 == 0 } }

    /// Whether a report would show the group: something was tallied in it (a
    /// lead, an offer, a decline or a merge); a row whose leads all moved away is all zero.
    var tallied: Bool { self[.leads] != 0 || self[.offered] != 0 || self[.declines] != 0 || self[.merges] != 0 }

    /// Adds `rhs` column by column.
    public static func += (lhs: inout GroupSums, rhs: GroupSums) {
        for i in lhs.values.indices { lhs.values[i] += rhs.values[i] }
    }

    /// Adds `rhs` times `sign` (1 to add a lead's share, −1 to take its old one away).
    public mutating func add(_ rhs: GroupSums, times sign: Int64) {
        for i in values.indices { values[i] += sign * rhs.values[i] }
    }
}

extension GroupColumn {
    /// The column's place in ``GroupColumn/allCases`` (and in ``GroupSums/values``).
    /// A switch, not a dictionary: a String-backed case hashes its name, and
    /// a write transaction sets a few hundred sums per lead.
    var position: Int {
        switch self {
        case .leads: 0
        case .slaMet: 1
        case .slaMissed: 2
        case .neverTouched: 3
        case .touches: 4
        case .dropped: 5
        case .cadencesCompleted: 6
        case .breaches: 7
        case .engaged: 8
        case .won: 9
        case .lost: 10
        case .snoozedNow: 11
        case .breachesRepeated: 12
        case .movedAfterBreaches: 13
        case .checkInsSent: 14
        case .checkInsAnswered: 15
        case .hotSignals: 16
        case .offered: 17
        case .accepted: 18
        case .declines: 19
        case .movedByDeactivation: 20
        case .merges: 21
        case .revenueCents: 22
        case .valuedWins: 23
        case .calls: 24
        case .connects: 25
        }
    }
}
