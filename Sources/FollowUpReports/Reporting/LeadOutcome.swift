public import FollowUpCore
import FollowUpFormats
/// How one lead was followed up, as of an instant: the per-lead answers every
/// report figure is counted from. docs/reports.md defines each.
public struct LeadOutcome: Sendable, Hashable {
    public var lead: LeadState
    /// The priority triage gave at capture (the capture's given priority and
    /// score included), before later score lifts. Falls back to the current
    /// priority when the triage rule is gone from the rules.
    public var capturePriority: String
    /// Whether the capture priority has a cadence (false: unqualified, nurture only).
    public var hasCadence: Bool
    /// Capture plus the capture priority's first-touch time, in business time
    /// of the lead's policy calendar; nil without a cadence.
    public var firstTouchDeadline: Instant?
    public var firstTouchAt: Instant?
    public var sla: FirstTouchSLA
    /// First touch minus capture, elapsed (wall) time; nil before the first touch.
    public var speedToLead: TimeSpan?
    /// Touches reps logged that count: the automatic acknowledgement is not
    /// one, and a bounced touch reached nobody, so it counts for nothing.
    public var loggedTouches: Int
    /// One logged touch, never engaged, and then nothing: closed lost or
    /// disqualified, or the next step's deadline passed unmet. Cadence leads only.
    public var droppedAfterOneTouch: Bool
    /// The lead got every touch its cadence asks for (as the engine counts them).
    public var cadenceCompleted: Bool
    /// A logged touch had an engaging outcome (connected, replied, meeting by default).
    public var engagedEver: Bool
    public var breaches: [Breach]
    /// Breaches of a step by a rep already held to an earlier breach of that step.
    public var repeatedBreaches: Int
    /// Times the lead moved to another rep after its owner's repeated breaches of a step 2–5.
    public var movesAfterBreaches: Int
    /// Check-ins (`feedback.due`) sent about the lead while engaged, and how many were answered.
    public var checkIns: CheckIns
    /// `lead.hot` notices: activity worth `hot_at` points on a lead not waiting for its first call.
    public var hotSignals: Int
    /// Not final and snoozed now (until a time the lead asked for).
    public var snoozedNow: Bool
    /// Step 1 offered to reps, accepted or not, and the declines that moved the lead.
    public var acceptance: Acceptance
    /// Times the lead moved because its owner left (`lead.assigned`, reason owner_deactivated).
    public var movesByDeactivation: Int

    /// Derives the outcome from the store's facts under `rules`, as of `now`.
    public init(facts: LeadFacts, rules: Rules, asOf now: Instant) {
        let lead = facts.lead
        self.lead = lead
        let priority = rules.capturePriority(of: lead)
        capturePriority = priority
        let policy = rules.policy(for: lead)
        hasCadence = rules.hasCadence(priority) && !policy.steps.isEmpty
        if hasCadence {
            var atCapture = lead
            atCapture.priority = priority
            firstTouchDeadline = StepPlanner(rules: rules, explains: false)
                .plan(step: 1, for: atCapture, previousTouch: lead.capturedAt).step.deadline
        } else {
            firstTouchDeadline = nil
        }
        // A bounced touch reached nobody (DESIGN.md version 2): no first touch, no touch count.
        let counted = facts.touches.filter(\.counts)
        firstTouchAt = counted.map(\.at).min()
        speedToLead = firstTouchAt.map { $0 - lead.capturedAt }
        loggedTouches = counted.count
        engagedEver = counted.contains { policy.engagingOutcomes.contains($0.outcome) }

        switch (firstTouchDeadline, firstTouchAt) {
        case (nil, _): sla = .notApplicable
        case (let deadline?, let touched?): sla = touched <= deadline ? .met : .missed
        // A touch exactly at the deadline is on time, so the deadline itself is still pending.
        case (let deadline?, nil): sla = deadline < now ? .missed : .pending
        }

        cadenceCompleted = hasCadence && lead.touches >= policy.steps.count
        if hasCadence, loggedTouches == 1, !engagedEver {
            switch lead.status {
            case .lost, .disqualified:
                droppedAfterOneTouch = true
            case .merged:
                droppedAfterOneTouch = false
            case .open:
                if let step = lead.step { droppedAfterOneTouch = step.breached || step.isOverdue(at: now) }
                else { droppedAfterOneTouch = false }
            case .engaged, .nurture, .won:
                droppedAfterOneTouch = false
            }
        } else {
            droppedAfterOneTouch = false
        }
        breaches = Breach.from(facts.notices)
        repeatedBreaches = Breach.repeatedCount(in: breaches)
        movesAfterBreaches = facts.notices.count(where: \.isMoveAfterBreaches)
        checkIns = CheckIns(notices: facts.notices, touches: facts.touches, status: lead.status)
        hotSignals = facts.notices.count(where: { $0.kind == .leadHot })
        snoozedNow = lead.isSnoozed
        acceptance = Acceptance(notices: facts.notices, responses: facts.responses)
        movesByDeactivation = facts.notices.count(where: \.isMoveByDeactivation)
    }
}

extension Rules {
    /// The priority triage gave `lead` at capture: its triage rule's priority,
    /// overridden by a priority given at capture, lifted by a score given at
    /// capture — what ``EnginePass`` decided then, before later activity.
    func capturePriority(of lead: LeadState) -> String {
        var priority: String
        if let rule = triage.first(where: { $0.name == lead.triageRule }) {
            priority = rule.priority
        } else if lead.triageRule == "(none)", let last = priorities.last?.name {
            priority = last
        } else {
            return lead.priority  // the rule is gone (reloaded rules): the best we know
        }
        if let given = lead.profile.priority { priority = given }
        if let lifted = lift(priority, score: lead.profile.score ?? 0) { priority = lifted }
        return priority
    }
}
