public import FollowUpCore
import FollowUpFormats
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

    /// The breaches behind a lead's notices: one per step and instant, the
    /// first `sla.breached` notice's recipient; other kinds are skipped.
    static func from(_ notices: [NoticeFact]) -> [Breach] {
        var seen = Set<BreachKey>()
        var out: [Breach] = []
        for notice in notices where notice.kind == .slaBreached {
            let step = notice.step ?? 0
            if seen.insert(BreachKey(step: step, at: notice.at)).inserted {
                out.append(Breach(step: step, at: notice.at, rep: notice.to))
            }
        }
        return out
    }

    /// How many of one lead's `breaches` are repeats: a breach is repeated when
    /// the same rep was already held to an earlier breach of the same step.
    /// A step that stays unmet is breached again every `breach_repeat`; the
    /// rep it moves to after repeated breaches starts afresh, as in the engine.
    static func repeatedCount(in breaches: [Breach]) -> Int {
        var seen = Set<HeldStep>()
        var repeated = 0
        for breach in breaches where !seen.insert(HeldStep(step: breach.step, rep: breach.rep)).inserted {
            repeated += 1
        }
        return repeated
    }

    private struct BreachKey: Hashable {
        var step: Int
        var at: Instant
    }

    private struct HeldStep: Hashable {
        var step: Int
        var rep: String
    }
}
