/// The ranges numbers from outside — events, CSV imports, rule files — must
/// fall in. They are checked where the numbers are read, so arithmetic on
/// them further in (a score plus points, an instant plus a duration) cannot
/// overflow: a score of `Int.max` once killed the daemon at the lead's next
/// activity, and a `first_touch` of `Int.max` seconds passed `check-rules`
/// and then crashed the engine.
///
/// The bounds are far beyond any real use, and tight enough that sums of a
/// few of them stay far from `Int64`'s limits.
public enum InputBounds {
    /// A lead's score as given at capture or in an import, and the points an
    /// activity adds and the thresholds that lift a priority in rule files.
    /// Scores are small numbers in every CRM we know (tens, hundreds).
    public static let score: ClosedRange<Int> = -1_000_000...1_000_000

    /// `company_size`, and `company_size_at_least` in triage rules: the largest
    /// employers have about two million people.
    public static let companySize: ClosedRange<Int> = 0...10_000_000

    /// A rep's `weight` (share of a weighted team) and `capacity` (leads in cadence).
    public static let repWeight: ClosedRange<Int> = 1...1_000
    public static let repCapacity: ClosedRange<Int> = 1...1_000_000

    /// The longest duration a rule or config file may give (`first_touch`,
    /// `nurture_every`, step offsets, retry and timeout settings): a year,
    /// one leap day included. Added to any instant RFC 3339 can write
    /// (years 0000–9999), it stays far inside `Instant`'s range, and business
    /// time of a year in the sparsest calendar stays within centuries.
    public static let longestDuration = TimeSpan.days(366)

    /// The years a calendar's holidays may fall in. A holiday in year 0000 or
    /// 9999 is a typo, and one far from any lead's time only costs the
    /// calendar walk; the range covers every plausible plan.
    public static let holidayYears: ClosedRange<Int> = 1970...2200
}
