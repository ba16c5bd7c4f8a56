import FollowUpCore
import FollowUpFormats
/// Order statistics of durations, as reports print them.
///
/// The median of an even count is the mean of the two middle values (rounded
/// down to the second); other percentiles use the nearest-rank method: the
/// value at rank ⌈p·n⌉ of the sorted values, so p90 is always an observed value.
public enum Percentiles {
    /// The median of `values`; nil when empty.
    public static func median(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let n = sorted.count
        if n % 2 == 1 { return sorted[n / 2] }
        return (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// The nearest-rank `percent` percentile (0 < percent ≤ 100) of `values`; nil when empty.
    public static func nearestRank(_ percent: Int, of values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        // ⌈percent·n/100⌉ in integers, at least rank 1.
        let rank = max(1, (percent * sorted.count + 99) / 100)
        return sorted[min(rank, sorted.count) - 1]
    }
}
