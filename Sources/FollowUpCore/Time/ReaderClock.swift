/// Times as the person reading a worklist reads them: on their own clock
/// (the rep's zone, else the calendar's, as the daemon says), with how far
/// off they are: `Tue 15:05 (in 4 min)`, `Tue 15:05 (2 h late)`. The zone is
/// named once, in the heading, rather than in every cell.
///
/// One formatter for every place a person reads a time: `followupctl queue`,
/// `lead show`, `leads`, and the dashboard (the daemon's now is passed in: the
/// core reads no clock).
public struct ReaderClock: Sendable {
    public let zone: ZoneRules
    /// The daemon's now, which the relative forms count from.
    public let now: Instant

    public init(zone: ZoneRules, now: Instant) {
        self.zone = zone
        self.now = now
    }

    /// `America/New_York`.
    public var zoneName: String { zone.identifier }

    /// `Tue 15:05` on today's local date, `Wed 11-25 16:00` on another, then
    /// the distance from now: `in 4 min`, `6 min ago`, or for a deadline that
    /// passed, `1 min late`.
    public func show(_ text: String?, deadline: Bool = false) -> String {
        guard let text, let instant = RFC3339.parse(text) else { return text ?? "-" }
        return show(instant, deadline: deadline)
    }

    /// `Tue 15:05 (in 4 min)`: the same for an instant.
    public func show(_ instant: Instant, deadline: Bool = false) -> String {
        "\(clockTime(instant)) (\(distance(to: instant, deadline: deadline)))"
    }

    /// `Tue 15:05`, or `Wed 11-25 16:00` on another local date than today's.
    public func clockTime(_ instant: Instant) -> String {
        let local = zone.local(instant)
        let today = zone.local(now).date
        let time = TimeOfDay(minutes: Int(local.secondOfDay / 60))
        let day = local.date == today ? local.date.weekday.shortName
            : "\(local.date.weekday.shortName) \(String(local.date.description.dropFirst(5)))"
        return "\(day) \(time)"
    }

    /// `in 4 min`, `now`, `6 min ago`, or for a deadline that passed, `2 h late`.
    public func distance(to instant: Instant, deadline: Bool = false) -> String {
        let seconds = Double(instant.secondsSinceEpoch - now.secondsSinceEpoch)
        if abs(seconds) < 60 { return "now" }
        if seconds > 0 { return "in " + Self.roughly(seconds) }
        return Self.roughly(-seconds) + (deadline ? " late" : " ago")
    }

    /// As precise as a person needs: minutes under an hour, whole hours under
    /// a day, then days and hours (`4 min`, `23 h`, `4 d 23 h`).
    public static func roughly(_ seconds: Double) -> String {
        let unit: Double = seconds < 3_600 ? 60 : 3_600
        return ReadableDuration.text(seconds: (seconds / unit).rounded() * unit)
    }
}
