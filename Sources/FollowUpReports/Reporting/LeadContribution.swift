public import FollowUpCore
import FollowUpFormats
/// What one lead adds to every report figure, independent of the instant a
/// report is asked at: the store keeps one per lead, replaced in the same
/// write transaction as whatever changed the lead (an event, a timer, a
/// notification), so a report reads these instead of the event log and the
/// outbox (docs/reports.md, "Cost").
///
/// Figures that depend on *now* without any write are kept as their
/// deadline and split when the report is made (``slaDeadline``,
/// ``dropDeadline``): a lead awaiting its first touch turns from pending to
/// missed when its deadline passes, whether or not a timer has fired yet.
/// Everything else depends on the lead's facts and the rules in force only;
/// the store rebuilds every contribution when the rules' ``Rules/version``
/// changes.
public struct LeadContribution: Sendable, Hashable {
    /// One offer of step 1 (``Acceptance/Offer``): the rep and, when accepted, the seconds to accept.
    public struct Offer: Sendable, Hashable {
        public var rep: String
        public var acceptSeconds: Int64?
    }

    /// Call touches in one local weekday × hour (``CallHours``): `slot` is weekday index × 24 + hour.
    public struct CallSlot: Sendable, Hashable {
        public var slot: Int
        public var calls: Int
        public var connects: Int
    }

    public var lead: LeadID
    public var capturedAt: Instant
    public var owner: RepID?
    public var team: String?
    public var source: String
    /// The priority triage gave at capture (the `--by priority` key).
    public var capturePriority: String
    public var status: LeadStatus
    public var wonValue: Amount?
    /// The first-touch outcome once it no longer depends on now (met, missed
    /// with a touch, not applicable); nil while the lead awaits its first
    /// touch with a deadline (``slaDeadline``).
    public var settledSLA: FirstTouchSLA?
    /// Awaiting the first touch: pending while this deadline is not before now, then missed.
    public var slaDeadline: Instant?
    public var speedSeconds: Int64?
    public var loggedTouches: Int
    /// Dropped after one touch whatever now is (closed, or the step breached).
    public var dropped: Bool
    /// Dropped after one touch once this open step's deadline is before now.
    public var dropDeadline: Instant?
    public var cadenceCompleted: Bool
    /// The rep each breach is held against, in order.
    public var breachReps: [String]
    public var repeatedBreaches: Int
    public var movesAfterBreaches: Int
    public var checkInsSent: Int
    public var checkInsAnswered: Int
    public var hotSignals: Int
    public var snoozed: Bool
    public var movesByDeactivation: Int
    public var offers: [Offer]
    public var decliners: [String]
    public var callSlots: [CallSlot]

    /// The contribution of `facts` under `rules`, as ``LeadOutcome`` derives it.
    public init(facts: LeadFacts, rules: Rules) {
        // As of the earliest instant nothing is overdue: what remains is what no clock changes.
        let o = LeadOutcome(facts: facts, rules: rules, asOf: Instant(secondsSinceEpoch: .min))
        let lead = facts.lead
        self.lead = lead.id
        capturedAt = lead.capturedAt
        owner = lead.owner
        team = lead.team
        source = lead.profile.source
        capturePriority = o.capturePriority
        status = lead.status
        wonValue = lead.wonValue
        if o.sla == .pending {
            settledSLA = nil
            slaDeadline = o.firstTouchDeadline
        } else {
            settledSLA = o.sla
            slaDeadline = nil
        }
        speedSeconds = o.speedToLead?.seconds
        loggedTouches = o.loggedTouches
        dropped = o.droppedAfterOneTouch
        // The one clause of droppedAfterOneTouch that reads now: the open step's deadline.
        if !dropped, o.hasCadence, o.loggedTouches == 1, !o.engagedEver, lead.status == .open, let step = lead.step {
            dropDeadline = step.deadline
        } else {
            dropDeadline = nil
        }
        cadenceCompleted = o.cadenceCompleted
        breachReps = o.breaches.map(\.rep)
        repeatedBreaches = o.repeatedBreaches
        movesAfterBreaches = o.movesAfterBreaches
        checkInsSent = o.checkIns.sent
        checkInsAnswered = o.checkIns.answered
        hotSignals = o.hotSignals
        snoozed = o.snoozedNow
        movesByDeactivation = o.movesByDeactivation
        offers = o.acceptance.offers.map { Offer(rep: $0.rep, acceptSeconds: $0.timeToAccept?.seconds) }
        decliners = o.acceptance.decliners
        callSlots = CallHours.slots(of: facts, rules: rules).map { CallSlot(slot: $0.key, calls: $0.value.calls, connects: $0.value.connects) }
            .sorted { $0.slot < $1.slot }
    }

    /// The first-touch outcome as of `now`.
    public func sla(asOf now: Instant) -> FirstTouchSLA {
        if let settledSLA { return settledSLA }
        guard let slaDeadline else { return .notApplicable }
        return slaDeadline < now ? .missed : .pending
    }

    /// Dropped after one touch as of `now`.
    public func droppedAfterOneTouch(asOf now: Instant) -> Bool {
        dropped || dropDeadline.map { $0 < now } ?? false
    }

    /// Whether the lead was merged away (counted only as a merge).
    public var merged: Bool { status == .merged }
}
