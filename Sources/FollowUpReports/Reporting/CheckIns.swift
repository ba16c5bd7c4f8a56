public import FollowUpCore
import FollowUpFormats
/// The check-ins (`feedback.due`) sent about one engaged lead, and how many
/// were answered.
///
/// A check-in asks the owner how an engaged lead stands. It is **answered**
/// by a touch that counts (not bounced) logged at or after it and before the
/// next check-in, or by the lead's final status (won, lost, disqualified).
/// A final status can only answer the last one: the engine sends no check-in
/// after it, so a lead final now answered its last check-in, whenever the
/// status came.
public struct CheckIns: Sendable, Hashable {
    public var sent: Int
    public var answered: Int

    public init(sent: Int, answered: Int) {
        self.sent = sent
        self.answered = answered
    }

    /// Counts the `feedback.due` notices among `notices` and those `touches`
    /// (oldest first) or the lead's `status` now answered.
    public init(notices: [NoticeFact], touches: [TouchFact], status: LeadStatus) {
        let asked = notices.filter { $0.kind == .feedbackDue }.map(\.at)
        var answered = 0
        for (i, at) in asked.enumerated() {
            let next = i + 1 < asked.count ? asked[i + 1] : nil
            let touched = touches.contains { touch in
                touch.counts && touch.at >= at && next.map { touch.at < $0 } ?? true
            }
            if touched || (next == nil && status.isFinal) { answered += 1 }
        }
        self.init(sent: asked.count, answered: answered)
    }
}
