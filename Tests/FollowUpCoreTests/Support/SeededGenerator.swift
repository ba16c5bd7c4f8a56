import FollowUpCore

/// SplitMix64: a tiny deterministic generator so property tests draw the same
/// "random" cases on every run and a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A seed derived from a text (FNV-1a), so each argument of a parameterised test gets its own stream.
    init(seed: UInt64, salt: String) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in salt.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        self.init(seed: seed ^ h)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An instant in `[from, to)`, to the second.
    mutating func instant(from: Instant, to: Instant) -> Instant {
        Instant(secondsSinceEpoch: Int64.random(in: from.secondsSinceEpoch..<to.secondsSinceEpoch, using: &self))
    }
}

/// `2026-11-24T20:00:00Z` as an ``Instant``; traps on a typo, which is a bug in the test.
func at(_ text: String) -> Instant {
    guard let t = RFC3339.parse(text) else { preconditionFailure("bad time in a test: \(text)") }
    return t
}

/// A local date and time (`2026-11-24 15:00`) for zone tests.
func local(_ text: String) -> LocalDateTime {
    let parts = text.split(separator: " ")
    guard parts.count == 2, let date = CivilDate(parsing: parts[0]), let time = TimeOfDay(parsing: parts[1]) else {
        preconditionFailure("bad local time in a test: \(text)")
    }
    return LocalDateTime(date: date, time: time)
}

/// The rules of an IANA zone; traps when unknown (a bug in the test).
func zone(_ id: String) -> ZoneRules {
    guard let z = ZoneCatalog.shared.rules(for: id) else { preconditionFailure("unknown zone in a test: \(id)") }
    return z
}
