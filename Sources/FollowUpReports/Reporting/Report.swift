public import FollowUpCore
import FollowUpFormats
/// A follow-up report over the leads captured in a window: one row per group,
/// a total, conversion by source, and the distributions the dashboard draws.
///
/// Pure: the daemon reads ``LeadFacts`` through ``ReportQueries`` and calls
/// ``make(facts:rules:grouping:window:asOf:)``; `followupctl report` and
/// `GET /dashboard` render the result.
public struct Report: Sendable, Hashable {
    public var window: ReportWindow
    /// The instant the figures are as of (pending vs missed, dropped).
    public var asOf: Instant
    public var grouping: ReportGrouping
    public var total: GroupFigures
    /// One per group key, sorted by key.
    public var groups: [GroupFigures]
    /// One per source, most won first (then most leads, then name).
    public var sources: [SourceConversion]
    /// Speed to lead: how many leads got their first touch within each band, and never.
    public var speedToLead: [ReportBucket]
    /// Logged touches per lead: 0, 1, 2, 3, 4, 5+.
    public var touchesPerLead: [ReportBucket]
    /// First-touch SLA per capture week, oldest first.
    public var weeks: [WeekCompliance]
    /// Breaches held against each rep, most first (then by name).
    public var breachesByRep: [ReportBucket]
    /// Leads in cadence now per team (label: the team, `(none)` without one),
    /// over every lead whatever the window, sorted by team.
    public var teamLoad: [ReportBucket]

    /// The upper bounds of the speed-to-lead bands, in seconds, and their labels.
    public static let speedBands: [(limit: Int64, label: String)] = [
        (300, "≤ 5 min"), (900, "5–15 min"), (3_600, "15–60 min"), (14_400, "1–4 h"), (86_400, "4–24 h"),
    ]

    /// Builds the report of `facts` (which may hold leads outside `window`: they are left out).
    /// `teamLoad` is the store's count of leads in cadence per team now (it is not a window's).
    /// `sourceCosts` is each source's cost per month (`sources:` in the config),
    /// prorated over the report's period (``costPeriod(window:facts:asOf:)``).
    ///
    /// Offers and declines are a rep's doing, so with `--by rep` they count in
    /// the row of the rep offered the lead (or who declined it), not of its
    /// owner now; a rep who passed on every lead has a row with 0 leads. With
    /// any other grouping they count in the lead's group.
    public static func make(facts: [LeadFacts], rules: Rules, grouping: ReportGrouping, window: ReportWindow,
                            asOf now: Instant, teamLoad: [ReportBucket] = [], sourceCosts: [String: Amount] = [:]) -> Report {
        let inWindow = facts.filter { window.contains($0.lead.capturedAt) }
        // A duplicate merged into another lead is that lead: not counted twice,
        // only as a merge (in the group it had when it was merged away).
        let outcomes = inWindow.filter { $0.lead.status != .merged }.map { LeadOutcome(facts: $0, rules: rules, asOf: now) }
        let merged = inWindow.filter { $0.lead.status == .merged }.map { LeadOutcome(facts: $0, rules: rules, asOf: now) }
        var total = GroupFigures.Tally(key: "all")
        var byKey: [String: GroupFigures.Tally] = [:]
        func tally(_ key: String, _ count: (inout GroupFigures.Tally) -> Void) {
            count(&total)
            count(&byKey[key, default: GroupFigures.Tally(key: key)])
        }
        for o in outcomes {
            let key = grouping.key(of: o)
            tally(key) { $0.add(o) }
            for offer in o.acceptance.offers {
                tally(grouping == .rep ? offer.rep : key) { $0.add(offer) }
            }
            for rep in o.acceptance.decliners {
                tally(grouping == .rep ? rep : key) { $0.addDecline() }
            }
        }
        for o in merged { tally(grouping.key(of: o)) { $0.addMerge() } }
        let groups = byKey.keys.sorted().map { byKey[$0]!.finished }

        var sourceCounts: [String: SourceConversion] = [:]
        for o in outcomes {
            let source = o.lead.profile.source
            var c = sourceCounts[source] ?? SourceConversion(source: source, leads: 0, won: 0, lost: 0)
            c.leads += 1
            if o.lead.status == .won {
                c.won += 1
                if let value = o.lead.wonValue {
                    c.money.revenue = c.money.revenue + value
                    c.money.valuedWins += 1
                }
            }
            if o.lead.status == .lost { c.lost += 1 }
            sourceCounts[source] = c
        }
        // A source that cost money and brought no lead is the row a manager most needs to see.
        let period = costPeriod(window: window, facts: inWindow, asOf: now)
        for (source, perMonth) in sourceCosts {
            var c = sourceCounts[source] ?? SourceConversion(source: source, leads: 0, won: 0, lost: 0)
            c.money.cost = period.map { SourceCost.prorated(perMonth, from: $0.from, to: $0.to) } ?? .zero
            sourceCounts[source] = c
        }
        let sources = sourceCounts.values.sorted {
            ($1.won, $1.leads, $0.source) < ($0.won, $0.leads, $1.source)
        }

        var speed = Array(repeating: 0, count: speedBands.count + 2)
        var touches = Array(repeating: 0, count: 6)
        var weeks: [CivilDate: WeekCompliance] = [:]
        var breaches: [String: Int] = [:]
        for o in outcomes {
            if let s = o.speedToLead?.seconds {
                speed[speedBands.firstIndex { s <= $0.limit } ?? speedBands.count] += 1
            } else {
                speed[speedBands.count + 1] += 1
            }
            touches[min(o.loggedTouches, 5)] += 1
            if o.sla == .met || o.sla == .missed {
                let week = weekStart(of: o.lead.capturedAt)
                var w = weeks[week] ?? WeekCompliance(weekStart: week, met: 0, missed: 0)
                if o.sla == .met { w.met += 1 } else { w.missed += 1 }
                weeks[week] = w
            }
            for b in o.breaches { breaches[b.rep, default: 0] += 1 }
        }
        return assembled(window: window, asOf: now, grouping: grouping, total: total, groups: groups, sources: sources,
                         speed: speed, touches: touches, weeks: weeks, breaches: breaches, teamLoad: teamLoad)
    }

    /// The report from its counted parts, in the order and shape both ways of
    /// counting (facts, stored contributions) give them.
    static func assembled(window: ReportWindow, asOf now: Instant, grouping: ReportGrouping, total: GroupFigures.Tally,
                          groups: [GroupFigures], sources: [SourceConversion], speed: [Int], touches: [Int],
                          weeks: [CivilDate: WeekCompliance], breaches: [String: Int], teamLoad: [ReportBucket]) -> Report {
        let speedLabels = speedBands.map(\.label) + ["> 24 h", "never"]
        return Report(
            window: window, asOf: now, grouping: grouping,
            total: total.finished, groups: groups, sources: sources,
            speedToLead: zip(speedLabels, speed).map { ReportBucket(label: $0, count: $1) },
            touchesPerLead: ["0", "1", "2", "3", "4", "5+"].enumerated().map { ReportBucket(label: $1, count: touches[$0]) },
            weeks: weeks.keys.sorted().map { weeks[$0]! },
            breachesByRep: breaches.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .map { ReportBucket(label: $0.key, count: $0.value) },
            teamLoad: teamLoad.sorted { $0.label < $1.label })
    }

    /// The period sources are charged for: the window, from its `since` (else
    /// the first capture in it) to its `until` or now, whichever is earlier —
    /// money spent after now is not spent yet. Nil when nothing bounds its start.
    static func costPeriod(window: ReportWindow, facts: [LeadFacts], asOf now: Instant) -> (from: Instant, to: Instant)? {
        guard let from = window.since ?? facts.map(\.lead.capturedAt).min() else { return nil }
        return (from, min(window.until ?? now, now))
    }

    /// The Monday (UTC) of the week `instant` falls in.
    static func weekStart(of instant: Instant) -> CivilDate {
        let days = instant.secondsSinceEpoch >= 0 ? instant.secondsSinceEpoch / 86_400
                                                  : (instant.secondsSinceEpoch - 86_399) / 86_400
        let date = CivilDate(daysSinceEpoch: days)
        return CivilDate(daysSinceEpoch: days - Int64(date.weekday.index))
    }
}
