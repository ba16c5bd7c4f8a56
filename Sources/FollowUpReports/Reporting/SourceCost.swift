public import FollowUpCore
import FollowUpFormats
/// What a source cost over a report's period, from its cost per month.
///
/// Prorated by calendar month (UTC, as report windows are): each month the
/// period covers costs `cost_per_month` × the share of that month's seconds it
/// covers, so November 1 to December 1 costs exactly one month, and
/// November 1 to 16 half of one (15 of 30 days).
public enum SourceCost {
    /// The cost of `[from, to)` at `perMonth`; zero for an empty period.
    public static func prorated(_ perMonth: Amount, from: Instant, to: Instant) -> Amount {
        guard to > from else { return .zero }
        var total: Int64 = 0
        var start = from
        while start < to {
            let date = CivilDate(daysSinceEpoch: floorDays(start))
            let monthStart = CivilDate(year: date.year, month: date.month, day: 1)
            let nextMonth = date.month == 12 ? CivilDate(year: date.year + 1, month: 1, day: 1)
                                             : CivilDate(year: date.year, month: date.month + 1, day: 1)
            let monthSeconds = (nextMonth.daysSinceEpoch - monthStart.daysSinceEpoch) * 86_400
            let end = min(to, Instant(secondsSinceEpoch: nextMonth.daysSinceEpoch * 86_400))
            let covered = (end - start).seconds
            // Cents × seconds stays below 2^63: at most 10^11 cents × 2.7·10^6 s. Rounded half up per month.
            total += (2 * perMonth.cents * covered + monthSeconds) / (2 * monthSeconds)
            start = end
        }
        return Amount(cents: total)
    }

    private static func floorDays(_ instant: Instant) -> Int64 {
        let s = instant.secondsSinceEpoch
        return s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
    }
}
