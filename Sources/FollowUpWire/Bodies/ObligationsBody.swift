public import FollowUpCore
public import FollowUpFormats

/// What an open lead owes under one rule set: its step, when it is due, its
/// deadline and its next nurture reminder (each null when none).
public struct ObligationsBody: WireBody {
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

    public func writeMembers(to w: inout JSONWriter) {
        w.intOrNull("step", step)
        w.instantOrNull("due", due)
        w.instantOrNull("deadline", deadline)
        w.instantOrNull("nurture_at", nurtureAt)
    }

    public init(reading o: WireObject) throws(WireError) {
        step = try o.nullableInt("step")
        due = try o.nullableInstant("due")
        deadline = try o.nullableInstant("deadline")
        nurtureAt = try o.nullableInstant("nurture_at")
    }
}
