public import FollowUpCore

/// What an open lead owes under one rule set: its step, when it is due, its
/// deadline and its next nurture reminder (each null when none).
public struct ObligationsBody: WireBody, Codable {
    public var step: Int?
    public var due: Instant?
    public var deadline: Instant?
    public var nurtureAt: Instant?

    public init(step: Int?, due: Instant?, deadline: Instant?, nurtureAt: Instant?) {
        self.step = step
        self.due = due
        self.deadline = deadline
        self.nurtureAt = nurtureAt
    }
}
