/// Opening hours in one time zone, minus holidays: the clock that first-touch
/// times run on.
///
/// Business time counts only while the calendar is open: 5 minutes of business
/// time from Friday 17:58 ends Monday 08:03. Ranges are half-open, `[08:00, 18:00)`,
/// so a deadline can fall exactly at 18:00 but never starts a count there.
public struct BusinessCalendar: Sendable, Equatable {
    /// The calendar's name in the rule files (`office`).
    public var name: String
    /// The zone its hours and holidays are read in.
    public var zone: ZoneRules
    /// Open ranges per weekday, sorted and non-overlapping.
    public var hours: [Weekday: [HourRange]]
    /// Whole days on which the calendar is closed, as dates in ``zone``.
    public var holidays: Set<CivilDate>

    /// How far ahead a computation looks for open time before giving up: ten years.
    static let horizonDays = 3_660

    public init(name: String, zone: ZoneRules, hours: [Weekday: [HourRange]], holidays: Set<CivilDate>) {
        self.name = name
        self.zone = zone
        self.hours = hours.mapValues { $0.sorted { $0.from < $1.from } }
        self.holidays = holidays
    }

    public static func == (lhs: BusinessCalendar, rhs: BusinessCalendar) -> Bool {
        lhs.name == rhs.name && lhs.zone.identifier == rhs.zone.identifier
            && lhs.hours == rhs.hours && lhs.holidays == rhs.holidays
    }

    /// Whether the calendar's local date at `instant` is a holiday.
    public func isHoliday(_ instant: Instant) -> Bool {
        holidays.contains(zone.local(instant).date)
    }

    /// Whether the calendar has any open time in a normal week.
    public var hasOpenHours: Bool { hours.values.contains { !$0.isEmpty } }

    /// The open intervals of one local date, as instants (empty on holidays).
    func openIntervals(on date: CivilDate) -> [(start: Instant, end: Instant)] {
        guard !holidays.contains(date), let ranges = hours[date.weekday] else { return [] }
        return ranges.map {
            (zone.instant(LocalDateTime(date: date, time: $0.from)),
             zone.instant(LocalDateTime(date: date, time: $0.to)))
        }
    }

    /// The instant at which `span` of business time has passed, counting from `start`.
    ///
    /// A span of zero (or less) returns `start` unchanged. When the calendar has
    /// no open time within ten years the span is added as wall time, so a
    /// misconfigured calendar delays but never loses an obligation (the rule
    /// validator rejects such calendars before they get here).
    public func add(_ span: TimeSpan, to start: Instant) -> Instant {
        var remaining = span.seconds
        guard remaining > 0 else { return start }
        var date = zone.local(start).date
        for _ in 0..<Self.horizonDays {
            for (open, close) in openIntervals(on: date) {
                let from = max(open, start)
                guard close > from else { continue }
                let available = (close - from).seconds
                if remaining <= available { return from + TimeSpan(seconds: remaining) }
                remaining -= available
            }
            date = date.next
        }
        return start + span
    }

    /// "The next open instant" of `t`: `t` itself when the calendar is open
    /// then, else the instant it next opens. A calendar with no open time
    /// within ten years returns `t`, so nothing waits for ever.
    public func nextOpen(from t: Instant) -> Instant {
        var date = zone.local(t).date
        for _ in 0..<Self.horizonDays {
            for (open, close) in openIntervals(on: date) where close > t {
                return max(open, t)
            }
            date = date.next
        }
        return t
    }

    /// Whether the calendar is open at `t` (open hours are [from, to)).
    public func isOpen(at t: Instant) -> Bool {
        openIntervals(on: zone.local(t).date).contains { $0.start <= t && t < $0.end }
    }

    /// The business time that passes between two instants (zero when `end` is not after `start`).
    public func openTime(from start: Instant, to end: Instant) -> TimeSpan {
        guard end > start else { return .zero }
        var total: Int64 = 0
        var date = zone.local(start).date
        let last = zone.local(end).date
        while date <= last {
            for (open, close) in openIntervals(on: date) {
                let from = max(open, start), to = min(close, end)
                if to > from { total += (to - from).seconds }
            }
            date = date.next
        }
        return TimeSpan(seconds: total)
    }

    /// The dates between two instants (inclusive, local to the calendar) on which
    /// it is closed all day, and why: what `explain` prints as "skipped".
    public func closedDays(from start: Instant, to end: Instant) -> [ClosedDay] {
        guard end >= start else { return [] }
        var out: [ClosedDay] = []
        var date = zone.local(start).date
        let last = zone.local(end).date
        while date <= last {
            if holidays.contains(date) {
                out.append(ClosedDay(date: date, reason: .holiday))
            } else if (hours[date.weekday] ?? []).isEmpty {
                out.append(ClosedDay(date: date, reason: .closedWeekday))
            }
            date = date.next
        }
        return out
    }
}

/// A day on which a calendar has no open time.
public struct ClosedDay: Hashable, Sendable, CustomStringConvertible {
    /// Why the calendar is closed that day.
    public enum Reason: Sendable, Hashable {
        /// Listed under `holidays`.
        case holiday
        /// The weekday has no opening hours.
        case closedWeekday
    }

    public var date: CivilDate
    public var reason: Reason

    /// `2026-11-26 (holiday)` or `2026-11-28 Sat (closed)`.
    public var description: String {
        switch reason {
        case .holiday: "\(date) \(date.weekday.shortName) (holiday)"
        case .closedWeekday: "\(date) \(date.weekday.shortName) (closed)"
        }
    }
}
