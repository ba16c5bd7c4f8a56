extension ZoneRules {
    /// An instant as a person reads it where this zone's clocks are, the zone
    /// named so nobody has to guess whose 16:00 it is:
    /// `Wed 2026-11-25 16:00 America/New_York`.
    public func readable(_ instant: Instant) -> String {
        let l = local(instant)
        return "\(l.date.weekday.shortName) \(l) \(identifier)"
    }
}
