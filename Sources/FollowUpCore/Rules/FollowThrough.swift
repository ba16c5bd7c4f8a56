/// What a policy does after the textbook cadence (DESIGN.md, version 2):
/// snoozes, breaches that repeat and move, check-ins on engaged leads, hot
/// signals, the after-hours acknowledgement and the acceptance window. Each part is off when its
/// key is absent, so a rule set written for version 1 behaves as it did.
public struct FollowThrough: Hashable, Sendable {
    /// The longest snooze a `lead.snoozed` may ask for; nil: no limit.
    public var maxSnooze: TimeSpan?
    /// A breached step 2–5 is breached again this long after the previous
    /// notice (at the calendar's next open instant); nil: no repeats.
    public var breachRepeat: TimeSpan?
    /// At this many breaches of one step by one owner, the lead moves along
    /// the owner's chain; nil: it never moves on its own.
    public var reassignAfterBreaches: Int?
    /// An engaged lead's owner is asked how it stands this long after the
    /// last touch (then again after each ask); nil: no check-ins.
    public var checkInEvery: TimeSpan?
    /// An activity worth at least this many points sends `lead.hot` (when step
    /// 1 is not open); nil: no hot signals.
    public var hotAt: Int?
    /// Whether a qualified lead with an email, captured while the calendar is
    /// closed, is acknowledged at once.
    public var acknowledgeWhenClosed: Bool = false
    /// How long an owner given step 1 has to accept (or touch) before the lead
    /// moves on as if declined; nil: no acceptance window (the shipped policy).
    public var acceptWithin: TimeSpan?

    /// Everything off: version 1's behaviour.
    public static let off = FollowThrough()

    /// DESIGN.md's shipped values.
    public static let shipped = FollowThrough(maxSnooze: .days(90), breachRepeat: .days(1), reassignAfterBreaches: 2,
                                              checkInEvery: .days(14), hotAt: 10, acknowledgeWhenClosed: true)
}
