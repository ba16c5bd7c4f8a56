/// A snooze's wake-up time as a rep types it (`followupctl snooze L1 --until …`):
/// an RFC 3339 time, a date, or a duration from now.
///
/// - `2026-12-14T15:00:00Z` (any RFC 3339 time): that instant.
/// - `2026-12-14`: 09:00 on that date in the lead's time zone — the start of
///   a working day where the lead is, since "call me on the 14th" means
///   during their day, not at midnight UTC.
/// - `12h`: that many hours of elapsed time from now.
/// - `30d`, `2w`: that many calendar days (weeks of 7) from now at the same
///   wall-clock time in the lead's zone, so "call me in a week" from a Tuesday
///   10:00 call is the next Tuesday 10:00 even across a DST change (the span
///   is then 23 or 25 hours short or long). A wall-clock time a spring-forward
///   gap skips is read as ``ZoneRules/instant(_:)`` reads it (02:30 → 03:30).
///
/// Parsing needs nothing; ``resolve(now:zone:)`` takes `now` (the daemon's,
/// which judges the event) and the zone, so the core reads no clock.
public enum WakeUpTime: Hashable, Sendable {
    case instant(Instant)
    case date(CivilDate)
    case duration(count: Int64, unit: Unit)

    /// A duration's unit.
    public enum Unit: Character, Hashable, Sendable {
        case hours = "h"
        case days = "d"
        case weeks = "w"
    }

    /// The local time a bare date wakes at.
    public static let startOfDay = TimeOfDay(hour: 9, minute: 0)
    /// The longest duration accepted (in any unit), far beyond any `max_snooze`
    /// but small enough that no arithmetic overflows.
    public static let maxCount: Int64 = 99_999

    /// Reads `text`; throws a ``Diagnostic`` that says, in words for the rep,
    /// which forms are accepted. It names no field: the caller knows which
    /// option or member the text came from.
    public init(parsing text: String) throws(Diagnostic) {
        let text = String(Substring(text).trimmingSpaces)
        if let instant = RFC3339.parse(text) {
            self = .instant(instant)
            return
        }
        if text.utf8.count == 10, let date = CivilDate(parsing: Substring(text)) {
            self = .date(date)
            return
        }
        if let last = text.last, let unit = Unit(rawValue: Character(last.lowercased())) {
            let digits = text.dropLast()
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy(\.isASCIIDigit), let count = Int64(digits) else {
                throw Diagnostic(message: "\"\(text)\": a duration is a whole number of hours, days or weeks, e.g. 12h, 30d, 2w")
            }
            guard count >= 1 else { throw Diagnostic(message: "\"\(text)\": a duration must be at least 1\(unit.rawValue)") }
            self = .duration(count: count, unit: unit)
            return
        }
        throw Diagnostic(message: "\"\(text)\" is not a wake-up time: give an RFC 3339 time (2026-12-14T15:00:00Z), "
                     + "a date (2026-12-14, 09:00 in the lead's time zone) or a duration (12h, 30d, 2w)")
    }

    /// Whether the lead's time zone changes the answer (a date, or days and weeks).
    public var dependsOnZone: Bool {
        switch self {
        case .instant, .duration(_, .hours): false
        case .date, .duration: true
        }
    }

    /// The instant it names, `now` being when the snooze is logged and `zone` the lead's.
    public func resolve(now: Instant, zone: ZoneRules) -> Instant {
        switch self {
        case .instant(let instant):
            return instant
        case .date(let date):
            return zone.instant(LocalDateTime(date: date, time: Self.startOfDay))
        case .duration(let count, .hours):
            return now + .hours(count)
        case .duration(let count, let unit):
            let days = unit == .weeks ? count * 7 : count
            let here = zone.local(now)
            let date = CivilDate(daysSinceEpoch: here.date.daysSinceEpoch + days)
            return zone.instant(LocalDateTime(date: date, secondOfDay: here.secondOfDay))
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
