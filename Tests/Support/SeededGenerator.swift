public import FollowUpCore

/// SplitMix64: a tiny deterministic generator so property tests draw the same
/// "random" cases on every run and a failure can be replayed.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A seed derived from a text (FNV-1a), so each argument of a parameterised test gets its own stream.
    public init(seed: UInt64, salt: String) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in salt.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        self.init(seed: seed ^ h)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An instant in `[from, to)`, to the second.
    public mutating func instant(from: Instant, to: Instant) -> Instant {
        Instant(secondsSinceEpoch: Int64.random(in: from.secondsSinceEpoch..<to.secondsSinceEpoch, using: &self))
    }
}
