/// A half-open range of wall-clock time within one day, `[from, to)`.
public struct HourRange: Hashable, Sendable, CustomStringConvertible {
    public var from: TimeOfDay
    public var to: TimeOfDay

    public init(from: TimeOfDay, to: TimeOfDay) {
        self.from = from
        self.to = to
    }

    /// Parses `HH:MM-HH:MM`; nil when malformed. Emptiness and order are the
    /// validator's business, so `17:00-16:00` parses.
    public init?(parsing text: Substring) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let from = TimeOfDay(parsing: parts[0].trimmingSpaces),
              let to = TimeOfDay(parsing: parts[1].trimmingSpaces)
        else { return nil }
        self.init(from: from, to: to)
    }

    /// Whether the two ranges share any minute.
    public func overlaps(_ other: HourRange) -> Bool { from < other.to && other.from < to }

    /// `HH:MM-HH:MM`.
    public var description: String { "\(from)-\(to)" }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    package var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}
