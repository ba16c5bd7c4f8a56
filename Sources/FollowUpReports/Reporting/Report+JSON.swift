import FollowUpCore
public import FollowUpFormats
extension Report {
    /// The report as `GET /v1/report` answers it (docs/api.md): every member
    /// present, `null` when a figure has no value (a percentage of nothing).
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        if let since = window.since { w.instant("since", since) } else { w.null("since") }
        if let until = window.until { w.instant("until", until) } else { w.null("until") }
        w.instant("as_of", asOf)
        w.string("by", grouping.rawValue)
        w.beginObject("total")
        total.writeMembers(to: &w)
        w.endObject()
        w.beginArray("groups")
        for g in groups {
            w.beginObject()
            g.writeMembers(to: &w)
            w.endObject()
        }
        w.endArray()
        w.beginArray("sources")
        for s in sources {
            w.beginObject()
            w.string("source", s.source)
            w.int("leads", s.leads)
            w.int("won", s.won)
            w.int("lost", s.lost)
            w.number("conversion_percent", s.conversion.percentText)
            w.number("revenue", s.money.revenue.description)
            w.int("won_with_value", s.money.valuedWins)
            w.number("cost", s.money.cost?.description)
            w.number("cost_per_lead", s.money.costPerLead(leads: s.leads)?.description)
            w.number("cost_per_win", s.money.costPerWin(won: s.won)?.description)
            w.number("roi", s.money.roiText)
            w.endObject()
        }
        w.endArray()
        w.buckets("speed_to_lead", speedToLead)
        w.buckets("touches_per_lead", touchesPerLead)
        w.beginArray("weeks")
        for week in weeks {
            w.beginObject()
            w.string("week", week.weekStart.description)
            w.int("sla_met", week.met)
            w.int("sla_missed", week.missed)
            w.number("sla_met_percent", week.ratio.percentText)
            w.endObject()
        }
        w.endArray()
        w.buckets("breaches_by_rep", breachesByRep)
        w.beginArray("team_load")
        for load in teamLoad {
            w.beginObject()
            w.string("team", load.label)
            w.int("leads_in_cadence", load.count)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

extension GroupFigures {
    /// The members of one row, in the order `followupctl report` prints its columns
    /// (the follow-through ones, from `snoozed_now`, in its second table; the
    /// people-and-routing ones, from `offered`, in its third).
    func writeMembers(to w: inout JSONWriter) {
        w.string("key", key)
        w.int("leads", leads)
        w.int("sla_met", slaMet)
        w.int("sla_missed", slaMissed)
        w.int("sla_pending", slaPending)
        w.number("sla_met_percent", slaMetRatio.percentText)
        w.seconds("speed_to_lead_median_seconds", speedToLeadMedian)
        w.seconds("speed_to_lead_p90_seconds", speedToLeadP90)
        w.int("never_touched", neverTouched)
        w.int("touches", touches)
        w.number("touches_per_lead", touchesPerLead.decimalText(places: 2))
        w.int("dropped_after_one_touch", droppedAfterOneTouch)
        w.int("cadences_completed", cadencesCompleted)
        w.int("breaches", breaches)
        w.int("engaged", engaged)
        w.int("won", won)
        w.int("lost", lost)
        w.int("snoozed_now", snoozedNow)
        w.int("breaches_repeated", breachesRepeated)
        w.int("moved_after_breaches", movedAfterBreaches)
        w.int("check_ins_sent", checkInsSent)
        w.int("check_ins_answered", checkInsAnswered)
        w.number("check_ins_answered_percent", checkInsAnsweredRatio.percentText)
        w.int("hot_signals", hotSignals)
        w.int("offered", offered)
        w.int("accepted", accepted)
        w.number("acceptance_percent", acceptanceRatio.percentText)
        w.seconds("time_to_accept_median_seconds", timeToAcceptMedian)
        w.int("declines", declines)
        w.int("moved_by_deactivation", movedByDeactivation)
        w.int("merges", merges)
    }
}

extension JSONWriter {
    /// A decimal number given as text, or null.
    mutating func number(_ key: String, _ text: String?) {
        if let text { value(key, .number(text)) } else { null(key) }
    }

    /// A duration in whole seconds, or null.
    mutating func seconds(_ key: String, _ span: TimeSpan?) {
        if let span { value(key, .number(String(span.seconds))) } else { null(key) }
    }

    /// `[{"label":…,"count":…},…]`.
    mutating func buckets(_ key: String, _ buckets: [ReportBucket]) {
        beginArray(key)
        for b in buckets {
            beginObject()
            string("label", b.label)
            int("count", b.count)
            endObject()
        }
        endArray()
    }
}
