import FollowUpCore

/// One row of `GET /v1/report` (a group, or the total): first touch (SLA,
/// speed to lead), the cadence after it and where the leads stand, follow-through
/// (snoozes, repeated breaches, check-ins, hot signals), then acceptance and
/// routing. Percentages and per-lead figures are decimals as written (`87.5`),
/// durations whole seconds; each null when there is nothing to divide.
public struct GroupFiguresBody: WireBody, Codable {
    public var key: String
    public var leads: Int
    public var slaMet: Int
    public var slaMissed: Int
    public var slaPending: Int
    @NumberText public var slaMetPercent: String?
    public var speedToLeadMedianSeconds: Int64?
    public var speedToLeadP90Seconds: Int64?
    public var neverTouched: Int
    public var touches: Int
    @NumberText public var touchesPerLead: String?
    public var droppedAfterOneTouch: Int
    public var cadencesCompleted: Int
    public var breaches: Int
    public var engaged: Int
    public var won: Int
    public var lost: Int
    public var snoozedNow: Int
    public var breachesRepeated: Int
    public var movedAfterBreaches: Int
    public var checkInsSent: Int
    public var checkInsAnswered: Int
    @NumberText public var checkInsAnsweredPercent: String?
    public var hotSignals: Int
    public var offered: Int
    public var accepted: Int
    @NumberText public var acceptancePercent: String?
    public var timeToAcceptMedianSeconds: Int64?
    public var declines: Int
    public var movedByDeactivation: Int
    public var merges: Int

    public init(key: String, leads: Int, slaMet: Int, slaMissed: Int, slaPending: Int, slaMetPercent: String?,
                speedToLeadMedianSeconds: Int64?, speedToLeadP90Seconds: Int64?, neverTouched: Int, touches: Int,
                touchesPerLead: String?, droppedAfterOneTouch: Int, cadencesCompleted: Int, breaches: Int,
                engaged: Int, won: Int, lost: Int, snoozedNow: Int, breachesRepeated: Int, movedAfterBreaches: Int,
                checkInsSent: Int, checkInsAnswered: Int, checkInsAnsweredPercent: String?, hotSignals: Int,
                offered: Int, accepted: Int, acceptancePercent: String?, timeToAcceptMedianSeconds: Int64?,
                declines: Int, movedByDeactivation: Int, merges: Int) {
        self.key = key
        self.leads = leads
        self.slaMet = slaMet
        self.slaMissed = slaMissed
        self.slaPending = slaPending
        self.slaMetPercent = slaMetPercent
        self.speedToLeadMedianSeconds = speedToLeadMedianSeconds
        self.speedToLeadP90Seconds = speedToLeadP90Seconds
        self.neverTouched = neverTouched
        self.touches = touches
        self.touchesPerLead = touchesPerLead
        self.droppedAfterOneTouch = droppedAfterOneTouch
        self.cadencesCompleted = cadencesCompleted
        self.breaches = breaches
        self.engaged = engaged
        self.won = won
        self.lost = lost
        self.snoozedNow = snoozedNow
        self.breachesRepeated = breachesRepeated
        self.movedAfterBreaches = movedAfterBreaches
        self.checkInsSent = checkInsSent
        self.checkInsAnswered = checkInsAnswered
        self.checkInsAnsweredPercent = checkInsAnsweredPercent
        self.hotSignals = hotSignals
        self.offered = offered
        self.accepted = accepted
        self.acceptancePercent = acceptancePercent
        self.timeToAcceptMedianSeconds = timeToAcceptMedianSeconds
        self.declines = declines
        self.movedByDeactivation = movedByDeactivation
        self.merges = merges
    }

    /// The members by their names on the wire, in the order written (for tables and CSV headers);
    /// the body coder writes and reads them by these names.
    public typealias CodingKeys = Member

    /// The members by their names on the wire, in the order written (for tables and CSV headers).
    public enum Member: String, CaseIterable, Sendable, CodingKey {
        case key
        case leads
        case slaMet = "sla_met"
        case slaMissed = "sla_missed"
        case slaPending = "sla_pending"
        case slaMetPercent = "sla_met_percent"
        case speedToLeadMedianSeconds = "speed_to_lead_median_seconds"
        case speedToLeadP90Seconds = "speed_to_lead_p90_seconds"
        case neverTouched = "never_touched"
        case touches
        case touchesPerLead = "touches_per_lead"
        case droppedAfterOneTouch = "dropped_after_one_touch"
        case cadencesCompleted = "cadences_completed"
        case breaches
        case engaged
        case won
        case lost
        case snoozedNow = "snoozed_now"
        case breachesRepeated = "breaches_repeated"
        case movedAfterBreaches = "moved_after_breaches"
        case checkInsSent = "check_ins_sent"
        case checkInsAnswered = "check_ins_answered"
        case checkInsAnsweredPercent = "check_ins_answered_percent"
        case hotSignals = "hot_signals"
        case offered
        case accepted
        case acceptancePercent = "acceptance_percent"
        case timeToAcceptMedianSeconds = "time_to_accept_median_seconds"
        case declines
        case movedByDeactivation = "moved_by_deactivation"
        case merges
    }

    /// Member `member` as it is written (a number's digits, a string's text); nil for `null`.
    public func text(_ member: Member) -> String? { writtenText(of: member.rawValue) }
}
