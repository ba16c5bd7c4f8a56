import FollowUpCore

/// A policy's version 2 keys: `max_snooze`, `breach_repeat`,
/// `reassign_after_breaches`, `check_in_every`, `hot_at`,
/// `acknowledge_when_closed`. Each is optional; absent turns its part off.
extension FragmentReader {
    static let followThroughKeys = ["max_snooze", "breach_repeat", "reassign_after_breaches", "check_in_every",
                                    "hot_at", "acknowledge_when_closed", "accept_within"]

    /// The follow-through settings of one policy; nil when any of them is wrong (already reported).
    mutating func readFollowThrough(_ fields: RuleFields) -> FollowThrough? {
        var out = FollowThrough.off
        var ok = true
        func positive(_ key: String, _ reader: inout RuleReader) -> TimeSpan?? {
            guard fields.has(key) else { return .some(nil) }
            guard let span = reader.duration(fields, key) else { return nil }
            guard span.value > .zero else {
                reader.log.error("\(fields.describe(key)) must be longer than 0; leave it out to turn it off",
                                 at: span.position)
                return nil
            }
            return .some(span.value)
        }
        if let v = positive("max_snooze", &reader) { out.maxSnooze = v } else { ok = false }
        if let v = positive("breach_repeat", &reader) { out.breachRepeat = v } else { ok = false }
        if let v = positive("check_in_every", &reader) { out.checkInEvery = v } else { ok = false }
        if let v = positive("accept_within", &reader) { out.acceptWithin = v } else { ok = false }
        if fields.has("reassign_after_breaches") {
            if let n = reader.integer(fields, "reassign_after_breaches", minimum: 1, maximum: 100) { out.reassignAfterBreaches = n.value } else { ok = false }
        }
        if fields.has("hot_at") {
            if let n = reader.integer(fields, "hot_at", minimum: 1, maximum: InputBounds.score.upperBound) { out.hotAt = n.value } else { ok = false }
        }
        if fields.has("acknowledge_when_closed") {
            if let b = reader.bool(fields, "acknowledge_when_closed") { out.acknowledgeWhenClosed = b } else { ok = false }
        }
        return ok ? out : nil
    }
}
