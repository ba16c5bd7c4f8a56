/// A point on the timeline, in whole seconds since 1970-01-01T00:00:00Z.
///
/// The core keeps time to the second because every time it prints is
/// `YYYY-MM-DDTHH:MM:SSZ`; fractional seconds in input are truncated toward
/// the past when parsed (see ``RFC3339``). Using an integer keeps arithmetic
/// exact and comparisons cheap, which the planner does millions of times.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since the Unix epoch, UTC.
    public var secondsSinceEpoch: Int64

    /// Creates an instant from seconds since the Unix epoch.
    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    /// The instant `span` later (or earlier, for a negative span).
    public static func + (lhs: Instant, rhs: TimeSpan) -> Instant {
        Instant(secondsSinceEpoch: lhs.secondsSinceEpoch + rhs.seconds)
    }

    /// The instant `span` earlier.
    public static func - (lhs: Instant, rhs: TimeSpan) -> Instant {
        Instant(secondsSinceEpoch: lhs.secondsSinceEpoch - rhs.seconds)
    }

    /// The elapsed time from `rhs` to `lhs`.
    public static func - (lhs: Instant, rhs: Instant) -> TimeSpan {
        TimeSpan(seconds: lhs.secondsSinceEpoch - rhs.secondsSinceEpoch)
    }

    /// The instant printed as `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String { RFC3339.format(self) }
}

/// Elapsed (wall) time, in whole seconds. `1d` is always 86,400 s here: only
/// ``BusinessCalendar`` counts business time, and it takes a `TimeSpan` of
/// open time to add.
public struct TimeSpan: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The length in seconds; may be negative for differences.
    public var seconds: Int64

    /// Creates a span of `seconds` seconds.
    public init(seconds: Int64) { self.seconds = seconds }

    /// A span of whole minutes.
    public static func minutes(_ n: Int64) -> TimeSpan { TimeSpan(seconds: n * 60) }
    /// A span of whole hours.
    public static func hours(_ n: Int64) -> TimeSpan { TimeSpan(seconds: n * 3_600) }
    /// A span of whole days of 86,400 s.
    public static func days(_ n: Int64) -> TimeSpan { TimeSpan(seconds: n * 86_400) }
    /// No time at all.
    public static let zero = TimeSpan(seconds: 0)

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.seconds < rhs.seconds }
    public static func + (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan { TimeSpan(seconds: lhs.seconds + rhs.seconds) }

    /// The span written the way rule files write it: `5m`, `1h30m`, `2d`, `0s`.
    public var description: String {
        if seconds == 0 { return "0s" }
        var rest = seconds < 0 ? -seconds : seconds
        var out = seconds < 0 ? "-" : ""
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out
    }
}
