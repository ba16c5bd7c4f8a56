/// How a window's whole days split between the weekly bin sums
/// (`report_bins_weekly`, v18) and the daily ones (`report_bins`): the weeks
/// that lie wholly inside are read as weeks, the days before the first and
/// after the last of them as days. Week `w` holds the days `[7w, 7w + 7)`
/// (days since the epoch, UTC), so no calendar is involved.
struct ReportWeeks: Equatable {
    /// The weeks read from the weekly sums, `[first, end)`; empty when none fits.
    var weeks: Range<Int64>
    /// The days read from the daily rows, each `[first, end)`.
    var days: [Range<Int64>]

    /// The week day `day` falls in.
    static func week(of day: Int64) -> Int64 {
        // Rounded down, also before the epoch; written so no step can overflow.
        day >= 0 ? day / 7 : -((-(day + 1)) / 7) - 1
    }

    /// Splits the days `[firstDay, endDay)`; `Int64.min` and `Int64.max` stand for open ends
    /// (any other value is a day an instant falls in, far from either).
    init(firstDay: Int64, endDay: Int64) {
        guard firstDay < endDay else {
            weeks = 0..<0
            days = []
            return
        }
        // The first week starting at or after firstDay, and the week endDay falls in (it ends the whole weeks).
        let first = firstDay == .min ? Int64.min : Self.week(of: firstDay - 1) + 1
        let end = endDay == .max ? Int64.max : Self.week(of: endDay)
        guard first < end else {
            weeks = 0..<0
            days = [firstDay..<endDay]
            return
        }
        weeks = first..<end
        days = []
        if first != .min, firstDay < first * 7 { days.append(firstDay..<(first * 7)) }
        if end != .max, end * 7 < endDay { days.append((end * 7)..<endDay) }
    }
}
