import FollowUpCore
public import FollowUpFormats
public import FollowUpWire

extension Report {
    /// The report as `GET /v1/report` answers it (docs/api.md): every member
    /// present, `null` when a figure has no value (a percentage of nothing).
    public var body: ReportBody {
        ReportBody(
            window: ReportWindowBody(since: window.since, until: window.until, asOf: asOf, by: grouping.rawValue),
            total: total.body,
            groups: groups.map(\.body),
            sources: sources.map { s in
                SourceReturnBody(source: s.source, leads: s.leads, won: s.won, lost: s.lost,
                                 conversionPercent: s.conversion.percentText, revenue: s.money.revenue.description,
                                 wonWithValue: s.money.valuedWins, cost: s.money.cost?.description,
                                 costPerLead: s.money.costPerLead(leads: s.leads)?.description,
                                 costPerWin: s.money.costPerWin(won: s.won)?.description, roi: s.money.roiText)
            },
            speedToLead: speedToLead.map(\.body), touchesPerLead: touchesPerLead.map(\.body),
            weeks: weeks.map { week in
                ReportWeekBody(week: week.weekStart.description, slaMet: week.met, slaMissed: week.missed,
                               slaMetPercent: week.ratio.percentText)
            },
            breachesByRep: breachesByRep.map(\.body),
            teamLoad: teamLoad.map { TeamLoadBody(team: $0.label, leadsInCadence: $0.count) })
    }

    /// ``body`` written as the API sends it.
    public func writeJSON(to w: inout JSONWriter) {
        body.write(to: &w)
    }
}

extension GroupFigures {
    /// One row, in the order `followupctl report` prints its columns (the
    /// follow-through ones, from `snoozed_now`, in its second table; the
    /// people-and-routing ones, from `offered`, in its third).
    var body: GroupFiguresBody {
        GroupFiguresBody(
            key: key, leads: leads, slaMet: slaMet, slaMissed: slaMissed, slaPending: slaPending,
            slaMetPercent: slaMetRatio.percentText, speedToLeadMedianSeconds: speedToLeadMedian?.seconds,
            speedToLeadP90Seconds: speedToLeadP90?.seconds, neverTouched: neverTouched, touches: touches,
            touchesPerLead: touchesPerLead.decimalText(places: 2), droppedAfterOneTouch: droppedAfterOneTouch,
            cadencesCompleted: cadencesCompleted, breaches: breaches, engaged: engaged, won: won, lost: lost,
            snoozedNow: snoozedNow, breachesRepeated: breachesRepeated, movedAfterBreaches: movedAfterBreaches,
            checkInsSent: checkInsSent, checkInsAnswered: checkInsAnswered,
            checkInsAnsweredPercent: checkInsAnsweredRatio.percentText, hotSignals: hotSignals, offered: offered,
            accepted: accepted, acceptancePercent: acceptanceRatio.percentText,
            timeToAcceptMedianSeconds: timeToAcceptMedian?.seconds, declines: declines,
            movedByDeactivation: movedByDeactivation, merges: merges)
    }
}

extension ReportBucket {
    /// `{"label":…,"count":…}`.
    var body: ReportBucketBody { ReportBucketBody(label: label, count: count) }
}
