import FollowUpCore
import FollowUpFormats

/// The durations whose order statistics reports print, kept exact without
/// reading every lead: per group and day, how many values fall in each coarse
/// bin (`report_bins`), and each value filed under its bin (`report_values`).
/// A percentile finds its bin from the counts, then reads that bin's values only.
public enum ValueMetric: Int, Sendable, Hashable, CaseIterable {
    /// Speed to lead (per lead with a touch).
    case speed = 0
    /// Time to accept (per accepted offer).
    case accept = 1
}

/// The bins durations are counted in (``bin(of:in:)``) and how a rank is found among their counts.
public enum ValueBins {
    /// The bin of `seconds` under a group of `dimension`: fine for the
    /// dimensions with a handful of keys, coarse for the others
    /// (``ReportDimension/hasFewKeys``). A percentile reads the values of the
    /// bin holding its rank, a fixed share of the window's values in a coarse
    /// bin; fine bins cut that share eightfold, at the cost of more bin rows per
    /// key and day, which only a dimension with few keys can afford.
    public static func bin(of seconds: Int64, in dimension: ReportDimension) -> Int64 {
        dimension.hasFewKeys ? fineBin(of: seconds) : coarseBin(of: seconds)
    }

    /// Itself below 32 s (all negatives in −1), then 8 bins per doubling (about 9 % wide).
    /// Bins ascend with the values they hold.
    static func coarseBin(of seconds: Int64) -> Int64 {
        if seconds < 0 { return -1 }
        if seconds < 32 { return seconds }
        let octave = Int64(63 - seconds.leadingZeroBitCount) - 5
        let eighth = (seconds >> (octave + 2)) & 7
        return 32 + octave * 8 + eighth
    }

    /// Itself below 128 s (all negatives in −1), then 64 bins per doubling (about 1.1 % wide):
    /// 2 s wide from 128 s, 4 s from 256 s, … Bins ascend with the values they hold.
    static func fineBin(of seconds: Int64) -> Int64 {
        if seconds < 0 { return -1 }
        if seconds < 128 { return seconds }
        let octave = Int64(63 - seconds.leadingZeroBitCount) - 6
        let sixtyfourth = (seconds >> octave) & 63
        return 128 + (octave - 1) * 64 + sixtyfourth
    }

    /// The 0-based ranks whose values a median and a nearest-rank p90 of `n` values need (``Percentiles``).
    static func medianRanks(_ n: Int) -> [Int] { n % 2 == 1 ? [n / 2] : [n / 2 - 1, n / 2] }
    static func p90Rank(_ n: Int) -> Int { min(max(1, (90 * n + 99) / 100), n) - 1 }

    /// The bin holding 0-based `rank` of the values counted in `counts` (bin → count), and the rank inside it.
    static func locate(rank: Int, in counts: [(bin: Int64, count: Int64)]) -> (bin: Int64, offset: Int)? {
        var before: Int64 = 0
        for (bin, count) in counts where count > 0 {
            if Int64(rank) < before + count { return (bin, rank - Int(before)) }
            before += count
        }
        return nil
    }
}

/// One bin of one group on one capture day.
public struct BinCell: Sendable, Hashable {
    public var metric: ValueMetric
    public var dimension: ReportDimension
    public var key: String
    public var day: Int64
    public var bin: Int64

    public init(metric: ValueMetric, dimension: ReportDimension, key: String, day: Int64, bin: Int64) {
        self.metric = metric
        self.dimension = dimension
        self.key = key
        self.day = day
        self.bin = bin
    }
}

/// One value filed under its bin (`report_values`): `n` tells a lead's offers apart.
public struct BinnedValue: Sendable, Hashable {
    public var metric: ValueMetric
    public var dimension: ReportDimension
    public var key: String
    public var bin: Int64
    public var capturedAt: Int64
    public var lead: String
    public var n: Int
    public var value: Int64
}

/// The exact median and p90 of a group's durations.
public struct GroupPercentiles: Sendable, Hashable {
    public var speedMedian: Int64?
    public var speedP90: Int64?
    public var acceptMedian: Int64?

    public init(speedMedian: Int64? = nil, speedP90: Int64? = nil, acceptMedian: Int64? = nil) {
        self.speedMedian = speedMedian
        self.speedP90 = speedP90
        self.acceptMedian = acceptMedian
    }

    /// The median and p90 of a group's values, from its bin counts (ascending)
    /// and a reader of one bin's values; the reader must return as many as counted.
    public static func resolve(counts: [(bin: Int64, count: Int64)], p90: Bool,
                               values: (Int64) throws -> [Int64]) throws -> (median: Int64?, p90: Int64?) {
        let n = Int(counts.reduce(0) { $0 + $1.count })
        guard n > 0 else { return (nil, nil) }
        var cache: [Int64: [Int64]] = [:]
        func value(at rank: Int) throws -> Int64 {
            guard let (bin, offset) = ValueBins.locate(rank: rank, in: counts) else { throw BinMismatch(bin: nil) }
            let inBin = try cache[bin] ?? values(bin).sorted()
            cache[bin] = inBin
            guard offset < inBin.count else { throw BinMismatch(bin: bin) }
            return inBin[offset]
        }
        let middle = try ValueBins.medianRanks(n).map(value(at:))
        let median = middle.count == 1 ? middle[0] : (middle[0] + middle[1]) / 2
        return (median, p90 ? try value(at: ValueBins.p90Rank(n)) : nil)
    }

    /// The bin counts and the values filed disagree (a write skipped its delta).
    public struct BinMismatch: Error, CustomStringConvertible {
        public var bin: Int64?
        public var description: String { "report bins and values disagree" + (bin.map { " in bin \($0)" } ?? "") }
    }
}
