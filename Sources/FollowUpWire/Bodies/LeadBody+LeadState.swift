public import FollowUpCore

extension LeadBody {
    /// The lead as the API shows it. `rules` (the rules in force) give the
    /// step's channel and name and the lead's zone; without them (a daemon
    /// built without rules) they are null.
    public init(_ lead: LeadState, rules: Rules?) {
        let profile = lead.profile
        self.init(
            id: lead.id, seq: lead.seq, capturedAt: lead.capturedAt, source: profile.source, name: profile.name,
            email: profile.email, phone: profile.phone, company: profile.company, title: profile.title,
            companySize: profile.companySize, need: profile.need, stage: profile.stage, timezone: profile.timezone,
            attributes: profile.attributes, priority: lead.priority, policy: lead.policy, triageRule: lead.triageRule,
            score: lead.score, team: lead.team, owner: lead.owner, had: lead.had, status: lead.status,
            // What a won deal was worth (`lead.status` won's `value`), so the rep
            // and the CRM see the figure the ROI report adds up.
            wonValue: lead.wonValue, touches: lead.touches, lastTouchAt: lead.lastTouchAt,
            step: lead.step.map { step in
                StepBody(number: step.number, due: step.due, deadline: step.deadline, dueNotified: step.dueNotified,
                         breached: step.breached, repeatAt: step.repeatAt, breaches: step.breaches,
                         channel: rules?.channel(ofStep: step.number, for: lead),
                         // What the step asks ("confirmation"), so a reader need not count steps.
                         name: rules?.stepRule(step.number, for: lead)?.name)
            },
            unrouted: lead.unrouted, nurtureAt: lead.nurtureAt,
            // A final lead never keeps a snooze; `isSnoozed` says so once more for readers.
            snoozedUntil: lead.isSnoozed ? lead.snoozedUntil : nil,
            snoozeReason: lead.isSnoozed ? lead.snoozeReason : nil,
            checkInAt: lead.status == .engaged ? lead.checkInAt : nil,
            zone: rules?.zoneIdentifier(for: lead))
    }
}
