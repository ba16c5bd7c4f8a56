public import FollowUpCore

/// `2026-11-24T20:00:00Z` as an ``Instant``; traps on a typo, which is a bug in the test.
public func at(_ text: String) -> Instant {
    guard let t = RFC3339.parse(text) else { preconditionFailure("bad time in a test: \(text)") }
    return t
}

/// A local date and time (`2026-11-24 15:00`) for zone tests.
public func local(_ text: String) -> LocalDateTime {
    let parts = text.split(separator: " ")
    guard parts.count == 2, let date = CivilDate(parsing: parts[0]), let time = TimeOfDay(parsing: parts[1]) else {
        preconditionFailure("bad local time in a test: \(text)")
    }
    return LocalDateTime(date: date, time: time)
}

/// The rules of an IANA zone; traps when unknown (a bug in the test).
public func zone(_ id: String) -> ZoneRules {
    guard let z = ZoneCatalog.shared.rules(for: id) else { preconditionFailure("unknown zone in a test: \(id)") }
    return z
}
