import Testing
@testable import FollowUpStore

/// A window's whole days split into whole weeks (the weekly bin sums) and the
/// days around them: every day read exactly once, and weeks only where a whole one fits.
@Suite struct ReportWeeksTests {
    @Test func everyDayIsReadOnceAndWeeksOnlyWhole() {
        for firstDay in -30...30 as ClosedRange<Int64> {
            for endDay in (firstDay + 1)...(firstDay + 40) {
                let split = ReportWeeks(firstDay: firstDay, endDay: endDay)
                var covered: [Int64] = split.days.flatMap { Array($0) }
                for week in split.weeks { covered += Array((week * 7)..<(week * 7 + 7)) }
                #expect(covered.sorted() == Array(firstDay..<endDay), "[\(firstDay), \(endDay))")
                // No whole week left in the days read one by one.
                for range in split.days {
                    #expect(!(range.lowerBound...range.upperBound).contains { $0 % 7 == 0 && $0 + 7 <= range.upperBound && $0 >= range.lowerBound },
                            "[\(firstDay), \(endDay)): a whole week in \(range)")
                }
            }
        }
    }

    @Test func openEndsAreWholeWeeks() {
        let all = ReportWeeks(firstDay: .min, endDay: .max)
        #expect(all.weeks == Int64.min..<Int64.max && all.days.isEmpty)
        // From the start of time to a Wednesday: the weeks before its week, then its days; and from it on.
        let wednesday: Int64 = 20_432  // 2025-12-10, day 6 of week 2918 (days 20,426–20,432)
        let until = ReportWeeks(firstDay: .min, endDay: wednesday)
        #expect(until.weeks == Int64.min..<2918 && until.days == [20_426..<wednesday])
        let since = ReportWeeks(firstDay: wednesday, endDay: .max)
        #expect(since.weeks == 2919..<Int64.max && since.days == [wednesday..<20_433])
        #expect(ReportWeeks.week(of: -1) == -1 && ReportWeeks.week(of: -7) == -1 && ReportWeeks.week(of: -8) == -2)
    }
}
