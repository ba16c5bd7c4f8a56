import FollowUpCore

/// Times as the person reading a worklist reads them: on their own clock
/// (the rep's zone, else the calendar's, as the daemon says), with how far
/// off they are: `Tue 15:05 (in 4 min)`, `Tue 15:05 (2 h late)`. The zone is
/// named once, in the heading, rather than in every cell.
struct ReaderClock {
    let zone: ZoneRules
    /// The daemon's now, which the relative forms count from.
    let now: Instant

    /// Reads the daemon's `timezone` and `at` from an answer; nil when either
    /// is missing or unknown here (the caller then shows UTC as given).
    init?(_ answer: JSONValue) {
        guard let name = answer["timezone"]?.text, let zone = ZoneCatalog.shared.rules(for: name),
              let at = answer["at"]?.text, let now = RFC3339.parse(at) else { return nil }
        self.zone = zone
        self.now = now
    }

    init(zone: ZoneRules, now: Instant) {
        self.zone = zone
        self.now = now
    }

    /// `America/New_York`.
    var zoneName: String { zone.identifier }

    /// `Tue 15:05` on today's local date, `Wed 11-25 16:00` on another, then
    /// the distance from now: `in 4 min`, `6 min ago`, or for a deadline that
    /// passed, `1 min late`.
    func show(_ text: String?, deadline: Bool = false) -> String {
        guard let text, let instant = RFC3339.parse(text) else { return text ?? "-" }
        let local = zone.local(instant)
        let today = zone.local(now).date
        let time = TimeOfDay(minutes: Int(local.secondOfDay / 60))
        let day = local.date == today ? local.date.weekday.shortName
            : "\(local.date.weekday.shortName) \(String(local.date.description.dropFirst(5)))"
        let seconds = Double(instant.secondsSinceEpoch - now.secondsSinceEpoch)
        let distance: String
        if abs(seconds) < 60 {
            distance = "now"
        } else if seconds > 0 {
            distance = "in " + Self.roughly(seconds)
        } else {
            distance = Self.roughly(-seconds) + (deadline ? " late" : " ago")
        }
        return "\(day) \(time) (\(distance))"
    }

    /// As precise as a person needs: minutes under an hour, whole hours under
    /// a day, then days and hours (`4 min`, `23 h`, `4 d 23 h`).
    static func roughly(_ seconds: Double) -> String {
        let unit: Double = seconds < 3_600 ? 60 : 3_600
        return ReadableDuration.text(seconds: (seconds / unit).rounded() * unit)
    }
}
