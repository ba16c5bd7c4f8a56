import FollowUpCore
public import FollowUpFormats

/// One row of `GET /v1/report` (a group, or the total): first touch (SLA,
/// speed to lead), the cadence after it and where the leads stand, follow-through
/// (snoozes, repeated breaches, check-ins, hot signals), then acceptance and
/// routing. Percentages and per-lead figures are decimals as written (`87.5`),
/// durations whole seconds; each null when there is nothing to divide.
public struct GroupFiguresBody: WireBody {
    public var key: String
    public var leads: Int
    public var slaMet: Int
    public var slaMissed: Int
    public var slaPending: Int
    public var slaMetPercent: String?
    public var speedToLeadMedianSeconds: Int64?
    public var speedToLeadP90Seconds: Int64?
    public var neverTouched: Int
    public var touches: Int
    public var touchesPerLead: String?
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
    public var checkInsAnsweredPercent: String?
    public var hotSignals: Int
    public var offered: Int
    public var accepted: Int
    public var acceptancePercent: String?
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

    /// The members by their names on the wire, in the order written (for tables and CSV headers).
    public enum Member: String, CaseIterable, Sendable {
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
    public func text(_ member: Member) -> String? {
        switch member {
        case .key: key
        case .leads: "\(leads)"
        case .slaMet: "\(slaMet)"
        case .slaMissed: "\(slaMissed)"
        case .slaPending: "\(slaPending)"
        case .slaMetPercent: slaMetPercent
        case .speedToLeadMedianSeconds: speedToLeadMedianSeconds.map { "\($0)" }
        case .speedToLeadP90Seconds: speedToLeadP90Seconds.map { "\($0)" }
        case .neverTouched: "\(neverTouched)"
        case .touches: "\(touches)"
        case .touchesPerLead: touchesPerLead
        case .droppedAfterOneTouch: "\(droppedAfterOneTouch)"
        case .cadencesCompleted: "\(cadencesCompleted)"
        case .breaches: "\(breaches)"
        case .engaged: "\(engaged)"
        case .won: "\(won)"
        case .lost: "\(lost)"
        case .snoozedNow: "\(snoozedNow)"
        case .breachesRepeated: "\(breachesRepeated)"
        case .movedAfterBreaches: "\(movedAfterBreaches)"
        case .checkInsSent: "\(checkInsSent)"
        case .checkInsAnswered: "\(checkInsAnswered)"
        case .checkInsAnsweredPercent: checkInsAnsweredPercent
        case .hotSignals: "\(hotSignals)"
        case .offered: "\(offered)"
        case .accepted: "\(accepted)"
        case .acceptancePercent: acceptancePercent
        case .timeToAcceptMedianSeconds: timeToAcceptMedianSeconds.map { "\($0)" }
        case .declines: "\(declines)"
        case .movedByDeactivation: "\(movedByDeactivation)"
        case .merges: "\(merges)"
        }
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string(Member.key.rawValue, key)
        w.int(Member.leads.rawValue, leads)
        w.int(Member.slaMet.rawValue, slaMet)
        w.int(Member.slaMissed.rawValue, slaMissed)
        w.int(Member.slaPending.rawValue, slaPending)
        w.value(Member.slaMetPercent.rawValue, slaMetPercent.map(JSONValue.number) ?? .null)
        w.int64OrNull(Member.speedToLeadMedianSeconds.rawValue, speedToLeadMedianSeconds)
        w.int64OrNull(Member.speedToLeadP90Seconds.rawValue, speedToLeadP90Seconds)
        w.int(Member.neverTouched.rawValue, neverTouched)
        w.int(Member.touches.rawValue, touches)
        w.value(Member.touchesPerLead.rawValue, touchesPerLead.map(JSONValue.number) ?? .null)
        w.int(Member.droppedAfterOneTouch.rawValue, droppedAfterOneTouch)
        w.int(Member.cadencesCompleted.rawValue, cadencesCompleted)
        w.int(Member.breaches.rawValue, breaches)
        w.int(Member.engaged.rawValue, engaged)
        w.int(Member.won.rawValue, won)
        w.int(Member.lost.rawValue, lost)
        w.int(Member.snoozedNow.rawValue, snoozedNow)
        w.int(Member.breachesRepeated.rawValue, breachesRepeated)
        w.int(Member.movedAfterBreaches.rawValue, movedAfterBreaches)
        w.int(Member.checkInsSent.rawValue, checkInsSent)
        w.int(Member.checkInsAnswered.rawValue, checkInsAnswered)
        w.value(Member.checkInsAnsweredPercent.rawValue, checkInsAnsweredPercent.map(JSONValue.number) ?? .null)
        w.int(Member.hotSignals.rawValue, hotSignals)
        w.int(Member.offered.rawValue, offered)
        w.int(Member.accepted.rawValue, accepted)
        w.value(Member.acceptancePercent.rawValue, acceptancePercent.map(JSONValue.number) ?? .null)
        w.int64OrNull(Member.timeToAcceptMedianSeconds.rawValue, timeToAcceptMedianSeconds)
        w.int(Member.declines.rawValue, declines)
        w.int(Member.movedByDeactivation.rawValue, movedByDeactivation)
        w.int(Member.merges.rawValue, merges)
    }

    public init(reading o: WireObject) throws(WireError) {
        key = try o.string(Member.key.rawValue)
        leads = try o.int(Member.leads.rawValue)
        slaMet = try o.int(Member.slaMet.rawValue)
        slaMissed = try o.int(Member.slaMissed.rawValue)
        slaPending = try o.int(Member.slaPending.rawValue)
        slaMetPercent = try o.nullableNumberText(Member.slaMetPercent.rawValue)
        speedToLeadMedianSeconds = try o.nullableInt64(Member.speedToLeadMedianSeconds.rawValue)
        speedToLeadP90Seconds = try o.nullableInt64(Member.speedToLeadP90Seconds.rawValue)
        neverTouched = try o.int(Member.neverTouched.rawValue)
        touches = try o.int(Member.touches.rawValue)
        touchesPerLead = try o.nullableNumberText(Member.touchesPerLead.rawValue)
        droppedAfterOneTouch = try o.int(Member.droppedAfterOneTouch.rawValue)
        cadencesCompleted = try o.int(Member.cadencesCompleted.rawValue)
        breaches = try o.int(Member.breaches.rawValue)
        engaged = try o.int(Member.engaged.rawValue)
        won = try o.int(Member.won.rawValue)
        lost = try o.int(Member.lost.rawValue)
        snoozedNow = try o.int(Member.snoozedNow.rawValue)
        breachesRepeated = try o.int(Member.breachesRepeated.rawValue)
        movedAfterBreaches = try o.int(Member.movedAfterBreaches.rawValue)
        checkInsSent = try o.int(Member.checkInsSent.rawValue)
        checkInsAnswered = try o.int(Member.checkInsAnswered.rawValue)
        checkInsAnsweredPercent = try o.nullableNumberText(Member.checkInsAnsweredPercent.rawValue)
        hotSignals = try o.int(Member.hotSignals.rawValue)
        offered = try o.int(Member.offered.rawValue)
        accepted = try o.int(Member.accepted.rawValue)
        acceptancePercent = try o.nullableNumberText(Member.acceptancePercent.rawValue)
        timeToAcceptMedianSeconds = try o.nullableInt64(Member.timeToAcceptMedianSeconds.rawValue)
        declines = try o.int(Member.declines.rawValue)
        movedByDeactivation = try o.int(Member.movedByDeactivation.rawValue)
        merges = try o.int(Member.merges.rawValue)
    }
}
