/// A date on the proleptic Gregorian calendar, with no time zone.
///
/// The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`
/// algorithms: exact, branch-light and far cheaper than going through
/// Foundation's `Calendar` for every step the planner takes.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Creates a date; the caller guarantees the fields form a real date.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSinceEpoch z0: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day of the week.
    public var weekday: Weekday {
        let d = daysSinceEpoch
        // 1970-01-01 was a Thursday.
        let index = ((d % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday.allCases[Int(index)]
    }

    /// The next calendar day.
    public var next: CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + 1) }

    /// Whether `year-month-day` names a real date.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// Parses `YYYY-MM-DD`; nil when malformed or not a real date.
    public init?(parsing text: Substring) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              CivilDate.isValid(year: y, month: m, day: d)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// A day of the week, Monday first (ISO 8601).
public enum Weekday: String, CaseIterable, Sendable, Hashable, Comparable {
    case monday = "mon", tuesday = "tue", wednesday = "wed", thursday = "thu"
    case friday = "fri", saturday = "sat", sunday = "sun"

    /// 0 for Monday … 6 for Sunday.
    public var index: Int { Weekday.allCases.firstIndex(of: self)! }

    /// The three-letter English name with a capital, for people: `Wed`.
    public var shortName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.index < rhs.index }
}

/// A wall-clock time of day, in minutes after midnight (0…1440; 1440 is the
/// end of the day, so `08:00-24:00` can be written).
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes after midnight.
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }
    public init(hour: Int, minute: Int) { self.minutes = hour * 60 + minute }

    /// Parses `HH:MM` (00:00 … 24:00).
    public init?(parsing text: Substring) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1_440
        else { return nil }
        self.init(hour: h, minute: m)
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }

    /// `HH:MM`.
    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}

/// A date and wall-clock time with no zone attached.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var date: CivilDate
    /// Seconds after local midnight (0 ..< 86,400, or exactly 86,400 for "24:00").
    public var secondOfDay: Int64

    public init(date: CivilDate, secondOfDay: Int64) {
        self.date = date
        self.secondOfDay = secondOfDay
    }

    public init(date: CivilDate, time: TimeOfDay) {
        self.init(date: date, secondOfDay: Int64(time.minutes) * 60)
    }

    /// Seconds since 1970-01-01T00:00 of this local clock, as if it were UTC.
    public var localSeconds: Int64 { date.daysSinceEpoch * 86_400 + secondOfDay }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool { lhs.localSeconds < rhs.localSeconds }

    /// `YYYY-MM-DD HH:MM`.
    public var description: String {
        "\(date) \(TimeOfDay(minutes: Int(secondOfDay / 60)))"
    }
}
