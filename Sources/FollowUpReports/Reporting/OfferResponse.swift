public import FollowUpCore
import FollowUpFormats
/// A rep's answer to a lead: a `lead.accepted` or `lead.declined` event, as
/// the event log has it (by whoever sent it; the core decides what counts).
public struct OfferResponse: Sendable, Hashable {
    /// Which answer.
    public enum Answer: String, Sendable, Hashable {
        case accepted, declined

        /// The answer an event type records: `lead.accepted` or `lead.declined`.
        public init?(eventType: String) {
            switch eventType {
            case "lead.accepted": self = .accepted
            case "lead.declined": self = .declined
            default: return nil
            }
        }
    }

    public var at: Instant
    public var rep: RepID
    public var answer: Answer

    public init(at: Instant, rep: RepID, answer: Answer) {
        self.at = at
        self.rep = rep
        self.answer = answer
    }
}
