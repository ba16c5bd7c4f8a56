/// A step deadline that passed unmet, and the rep it is held against.
///
/// The engine sends one `sla.breached` to the owner and, for steps 2–5, a copy
/// to the first available backup at the same instant: those are one breach,
/// held against the first recipient (the owner at that moment).
public struct Breach: Sendable, Hashable {
    public var step: Int
    public var at: Instant
    /// The owner when the deadline passed (or the fallback receiver for a lead without owner).
    public var rep: String

    public init(step: Int, at: Instant, rep: String) {
        self.step = step
        self.at = at
        self.rep = rep
    }

    /// The breaches behind a lead's notices: one per step and instant, the first notice's recipient.
    static func from(_ notices: [BreachNotice]) -> [Breach] {
        var seen = Set<BreachKey>()
        var out: [Breach] = []
        for notice in notices where seen.insert(BreachKey(step: notice.step, at: notice.at)).inserted {
            out.append(Breach(step: notice.step, at: notice.at, rep: notice.to))
        }
        return out
    }

    private struct BreachKey: Hashable {
        var step: Int
        var at: Instant
    }
}
