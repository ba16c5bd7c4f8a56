public import FollowUpCore
import FollowUpFormats

/// What a group row (`report_groups`) is keyed by besides its capture day:
/// each report grouping, the total, and the distributions a report draws.
public enum ReportDimension: String, Sendable, Hashable, CaseIterable {
    /// The total (key `all`): acceptance figures counted once per offer.
    case all
    /// Lead figures by owner now; offers by the rep offered, declines by the rep who declined (docs/reports.md).
    case rep, source, priority, team
    /// Breaches by the rep each is held against.
    case breach
    /// Speed-to-lead bands (key: band index, `leads` column) and logged touches per lead (key 0–5).
    case speedBand = "speed_band", touchCount = "touch_count"
    /// Calls and connects by local weekday × hour (key: weekday index × 24 + hour).
    case callSlot = "call_slot"

    /// The dimension a report grouping reads.
    public init(_ grouping: ReportGrouping) {
        switch grouping {
        case .rep: self = .rep
        case .source: self = .source
        case .priority: self = .priority
        case .team: self = .team
        }
    }

    /// The rows a report grouped by `grouping` reads (``Report/make(groups:grouping:window:asOf:teamLoad:sourceCosts:)``).
    public static func read(by grouping: ReportGrouping) -> Set<ReportDimension> {
        [.all, ReportDimension(grouping), .source, .breach, .speedBand, .touchCount]
    }

    /// The rows best time to call reads (``CallHours/make(groups:rules:)``).
    public static let readByHour: Set<ReportDimension> = [.callSlot]

    /// The dimensions whose groups carry speed and time-to-accept percentiles.
    public static let withPercentiles: [ReportDimension] = [.all, .rep, .source, .priority, .team]

    /// Whether a store has only a handful of keys of this dimension (the
    /// total, teams, priorities), so its percentiles can afford fine bins (``ValueBins``).
    public var hasFewKeys: Bool {
        switch self {
        case .all, .team, .priority: true
        case .rep, .source, .breach, .speedBand, .touchCount, .callSlot: false
        }
    }
}

/// One group row: a dimension's key on one capture day (UTC days since the epoch).
public struct GroupCell: Sendable, Hashable {
    public var dimension: ReportDimension
    /// The rep, source, priority, team, band, … (`all` for the total).
    public var key: String
    /// UTC days since the epoch.
    public var day: Int64

    /// The row of `key` in `dimension` on `day`.
    public init(_ dimension: ReportDimension, _ key: String, day: Int64) {
        self.dimension = dimension
        self.key = key
        self.day = day
    }

    /// The UTC day `instant` falls in.
    public static func day(of instant: Instant) -> Int64 {
        let s = instant.secondsSinceEpoch
        return s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
    }
}
