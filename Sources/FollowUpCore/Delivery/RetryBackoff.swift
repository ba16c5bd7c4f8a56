/// Exponential backoff with jitter and a cap: attempt k waits about
/// `base × 2^(k-1)`, never more than `cap`, spread ±20% so a relay that comes
/// back is not hit by every retry at once. Pure: the caller draws the jitter.
public struct RetryBackoff: Sendable, Hashable {
    public var base: TimeSpan
    public var cap: TimeSpan

    public init(base: TimeSpan = TimeSpan(seconds: 1), cap: TimeSpan = .minutes(5)) {
        self.base = base
        self.cap = cap
    }

    /// How long to wait after `attempts` failed attempts; `jitter` is in 0.8...1.2.
    public func wait(after attempts: Int, jitter: Double) -> TimeSpan {
        let exponential = Double(base.seconds) * Double(1 << min(max(attempts - 1, 0), 20))
        let wait = min(Double(cap.seconds), exponential) * min(1.2, max(0.8, jitter))
        return TimeSpan(seconds: max(1, Int64(wait.rounded())))
    }
}
