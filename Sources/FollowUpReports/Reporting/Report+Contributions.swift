public import FollowUpCore
import FollowUpFormats
extension Report {
    /// The report of the leads' stored ``LeadContribution``s, as of `now`:
    /// the same figures ``make(facts:rules:grouping:window:asOf:teamLoad:sourceCosts:)``
    /// computes from the event log and the outbox, without reading them
    /// (the store keeps one contribution per lead, up to date with every write).
    public static func make(contributions: [LeadContribution], grouping: ReportGrouping, window: ReportWindow,
                            asOf now: Instant, teamLoad: [ReportBucket] = [], sourceCosts: [String: Amount] = [:]) -> Report {
        let inWindow = contributions.filter { window.contains($0.capturedAt) }
        let counted = inWindow.filter { !$0.merged }
        var total = GroupFigures.Tally(key: "all")
        var byKey: [String: GroupFigures.Tally] = [:]
        func tally(_ key: String, _ count: (inout GroupFigures.Tally) -> Void) {
            count(&total)
            count(&byKey[key, default: GroupFigures.Tally(key: key)])
        }
        var sourceCounts: [String: SourceConversion] = [:]
        var speed = Array(repeating: 0, count: speedBands.count + 2)
        var touches = Array(repeating: 0, count: 6)
        var weeks: [CivilDate: WeekCompliance] = [:]
        var breaches: [String: Int] = [:]
        for c in counted {
            let key = grouping.key(of: c)
            let sla = c.sla(asOf: now)
            tally(key) { $0.add(c, sla: sla, asOf: now) }
            for offer in c.offers {
                tally(grouping == .rep ? offer.rep : key) { $0.add(offer) }
            }
            for rep in c.decliners {
                tally(grouping == .rep ? rep : key) { $0.addDecline() }
            }

            var s = sourceCounts[c.source] ?? SourceConversion(source: c.source, leads: 0, won: 0, lost: 0)
            s.leads += 1
            if c.status == .won {
                s.won += 1
                if let value = c.wonValue {
                    s.money.revenue = s.money.revenue + value
                    s.money.valuedWins += 1
                }
            }
            if c.status == .lost { s.lost += 1 }
            sourceCounts[c.source] = s

            if let seconds = c.speedSeconds {
                speed[speedBands.firstIndex { seconds <= $0.limit } ?? speedBands.count] += 1
            } else {
                speed[speedBands.count + 1] += 1
            }
            touches[min(c.loggedTouches, 5)] += 1
            if sla == .met || sla == .missed {
                let week = weekStart(of: c.capturedAt)
                var w = weeks[week] ?? WeekCompliance(weekStart: week, met: 0, missed: 0)
                if sla == .met { w.met += 1 } else { w.missed += 1 }
                weeks[week] = w
            }
            for rep in c.breachReps { breaches[rep, default: 0] += 1 }
        }
        for c in inWindow where c.merged { tally(grouping.key(of: c)) { $0.addMerge() } }
        let groups = byKey.keys.sorted().map { byKey[$0]!.finished }

        let from = window.since ?? inWindow.map(\.capturedAt).min()
        let period = from.map { ($0, min(window.until ?? now, now)) }
        for (source, perMonth) in sourceCosts {
            var s = sourceCounts[source] ?? SourceConversion(source: source, leads: 0, won: 0, lost: 0)
            s.money.cost = period.map { SourceCost.prorated(perMonth, from: $0.0, to: $0.1) } ?? .zero
            sourceCounts[source] = s
        }
        let sources = sourceCounts.values.sorted {
            ($1.won, $1.leads, $0.source) < ($0.won, $0.leads, $1.source)
        }
        return assembled(window: window, asOf: now, grouping: grouping, total: total, groups: groups, sources: sources,
                         speed: speed, touches: touches, weeks: weeks, breaches: breaches, teamLoad: teamLoad)
    }
}

extension CallHours {
    /// Best time to call from stored contributions (merged-away leads left out), as ``make(facts:rules:)``.
    public static func make(contributions: [LeadContribution], rules: Rules) -> CallHours {
        var counts: [Int: (calls: Int, connects: Int)] = [:]
        for c in contributions where !c.merged {
            for slot in c.callSlots {
                counts[slot.slot, default: (0, 0)].calls += slot.calls
                counts[slot.slot, default: (0, 0)].connects += slot.connects
            }
        }
        return make(counts: counts, rules: rules)
    }
}

extension ReportGrouping {
    /// The group a stored contribution falls in, as ``key(of:)`` for an outcome.
    func key(of c: LeadContribution) -> String {
        switch self {
        case .rep: c.owner ?? Self.none
        case .source: c.source
        case .priority: c.capturePriority
        case .team: c.team ?? Self.none
        }
    }
}

extension GroupFigures.Tally {
    /// One lead's contribution, its clock-dependent figures split at `now`.
    mutating func add(_ c: LeadContribution, sla: FirstTouchSLA, asOf now: Instant) {
        figures.leads += 1
        switch sla {
        case .met: figures.slaMet += 1
        case .missed: figures.slaMissed += 1
        case .pending: figures.slaPending += 1
        case .notApplicable: break
        }
        if let seconds = c.speedSeconds { speeds.append(seconds) }
        if c.loggedTouches == 0 { figures.neverTouched += 1 }
        figures.touches += c.loggedTouches
        if c.droppedAfterOneTouch(asOf: now) { figures.droppedAfterOneTouch += 1 }
        if c.cadenceCompleted { figures.cadencesCompleted += 1 }
        figures.breaches += c.breachReps.count
        switch c.status {
        case .engaged: figures.engaged += 1
        case .won: figures.won += 1
        case .lost: figures.lost += 1
        case .open, .nurture, .disqualified, .merged: break
        }
        if c.snoozed { figures.snoozedNow += 1 }
        figures.breachesRepeated += c.repeatedBreaches
        figures.movedAfterBreaches += c.movesAfterBreaches
        figures.checkInsSent += c.checkInsSent
        figures.checkInsAnswered += c.checkInsAnswered
        figures.hotSignals += c.hotSignals
        figures.movedByDeactivation += c.movesByDeactivation
    }

    /// One offer of step 1 from a stored contribution.
    mutating func add(_ offer: LeadContribution.Offer) {
        figures.offered += 1
        if let seconds = offer.acceptSeconds {
            figures.accepted += 1
            acceptSeconds.append(seconds)
        }
    }
}
