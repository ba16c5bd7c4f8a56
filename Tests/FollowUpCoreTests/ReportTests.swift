import Testing
@testable import FollowUpCore
@testable import FollowUpReports
@testable import FollowUpFormats
import FollowUpTestSupport

/// Report figures from lead states the real engine produced: events run through
/// a ``Simulation``, facts gathered the way the store gathers them.
@Suite struct ReportTests {
    /// Runs `lines` until `until` and returns every lead's facts.
    static func facts(_ lines: [String], until: String, rules: Rules = DefaultRules.make()) throws -> [LeadFacts] {
        var sim = Simulation(rules: rules)
        var touches: [LeadID: [TouchFact]] = [:]
        var notices: [LeadID: [NoticeFact]] = [:]
        func collect(_ outcome: EngineOutcome) {
            for n in outcome.notifications where NoticeFact.reportedKinds.contains(n.kind) {
                notices[n.lead, default: []].append(NoticeFact(at: n.at, kind: n.kind, step: n.step, to: n.to, reason: n.reason))
            }
        }
        for line in lines {
            let event = try EventDecoder.decode(line)
            if case .touchLogged(let t) = event.body {
                touches[t.lead, default: []].append(TouchFact(at: event.at, rep: t.rep, outcome: t.outcome))
            }
            try sim.apply(event, emit: collect)
        }
        sim.run(until: at(until), emit: collect)
        return sim.world.allLeads.sorted { $0.seq < $1.seq }.map {
            LeadFacts(lead: $0, touches: touches[$0.id] ?? [], notices: notices[$0.id] ?? [])
        }
    }

    /// Tuesday 2026-12-08, office open 13:00–23:00 UTC. alice's backup is bob; bob and carol have none.
    static let week: [String] = [
        Line.rep("2026-12-08T13:00:00Z", "alice", backup: "bob"), Line.rep("2026-12-08T13:00:00Z", "bob"),
        Line.rep("2026-12-08T13:00:00Z", "carol"),
        Line.capture("2026-12-08T14:00:00Z", "L1", owner: "alice"),
        Line.capture("2026-12-08T14:00:00Z", "L2", owner: "alice"),
        Line.capture("2026-12-08T14:00:00Z", "L6", owner: "alice"),
        Line.capture("2026-12-08T14:00:00Z", "L7", owner: "carol"),
        Line.touch("2026-12-08T14:01:00Z", "L6", by: "alice"),
        Line.touch("2026-12-08T14:01:00Z", "L7", by: "carol"),
        Line.touch("2026-12-08T14:02:00Z", "L7", by: "carol", "email", "sent"),
        Line.touch("2026-12-08T14:03:00Z", "L1", by: "alice"),
        Line.touch("2026-12-08T14:03:00Z", "L7", by: "carol"),
        Line.touch("2026-12-08T14:04:00Z", "L7", by: "carol"),
        Line.touch("2026-12-08T14:05:00Z", "L7", by: "carol", "email", "sent"),
        Line.touch("2026-12-08T14:08:00Z", "L2", by: "bob"),
        Line.touch("2026-12-08T14:10:00Z", "L1", by: "alice", "email", "replied"),
        #"{"at":"2026-12-08T14:30:00Z","type":"lead.status","lead":"L6","status":"won"}"#,
        Line.capture("2026-12-08T15:00:00Z", "L3", source: "referral", owner: "bob"),
        Line.capture("2026-12-08T15:00:00Z", "L4", source: "trade_show", owner: "carol", contact: false),
        Line.capture("2026-12-09T23:50:00Z", "L5", source: "referral", owner: "bob"),
    ]

    @Test func outcomesPerLead() throws {
        let facts = try Self.facts(Self.week, until: "2026-12-10T00:00:00Z")
        let rules = DefaultRules.make()
        let o = Dictionary(uniqueKeysWithValues: facts.map {
            ($0.lead.id, LeadOutcome(facts: $0, rules: rules, asOf: at("2026-12-10T00:00:00Z")))
        })
        #expect(o["L1"]!.sla == .met)
        #expect(o["L1"]!.engagedEver)
        #expect(o["L2"]!.sla == .missed)
        #expect(o["L2"]!.firstTouchDeadline == at("2026-12-08T14:05:00Z"))
        #expect(o["L2"]!.speedToLead == .minutes(8))
        #expect(o["L2"]!.droppedAfterOneTouch, "one touch, then step 2's deadline passed")
        #expect(o["L2"]!.breaches.map(\.rep) == ["alice", "bob"])
        #expect(o["L3"]!.sla == .missed, "never touched and its deadline passed")
        #expect(o["L3"]!.firstTouchDeadline == at("2026-12-08T19:00:00Z"), "4 business hours")
        #expect(o["L4"]!.sla == .notApplicable)
        #expect(o["L4"]!.capturePriority == "unqualified")
        #expect(o["L5"]!.sla == .pending, "captured after hours: deadline 4 business hours into the next day")
        #expect(o["L5"]!.firstTouchDeadline == at("2026-12-10T17:00:00Z"))
        #expect(o["L6"]!.sla == .met && !o["L6"]!.droppedAfterOneTouch, "won after one touch is not dropped")
        #expect(o["L7"]!.cadenceCompleted)
        #expect(!o["L1"]!.cadenceCompleted)
    }

    @Test func reportByRep() throws {
        let facts = try Self.facts(Self.week, until: "2026-12-10T00:00:00Z")
        let report = Report.make(facts: facts, rules: DefaultRules.make(), grouping: .rep, window: ReportWindow(),
                                 asOf: at("2026-12-10T00:00:00Z"))
        let t = report.total
        #expect(t.leads == 7)
        #expect((t.slaMet, t.slaMissed, t.slaPending) == (3, 2, 1))
        #expect(t.slaMetRatio.percentText == "60.0")
        #expect(t.speedToLeadMedian == TimeSpan(seconds: 120), "speeds 60, 60, 180, 480: mean of the middle two")
        #expect(t.speedToLeadP90 == .minutes(8), "nearest rank ⌈0.9·4⌉ = 4")
        #expect(t.neverTouched == 3)
        #expect(t.touches == 9)
        #expect(t.touchesPerLead.decimalText(places: 2) == "1.29")
        #expect(t.droppedAfterOneTouch == 1)
        #expect(t.cadencesCompleted == 1)
        #expect(t.breaches == 3)
        #expect((t.engaged, t.won, t.lost) == (1, 1, 0))
        #expect(report.groups.map(\.key) == ["alice", "bob", "carol"])
        let bob = report.groups[1]
        #expect(bob.leads == 3 && bob.slaMetRatio.percentText == "0.0" && bob.slaPending == 1)
        #expect(report.groups[2].slaMetRatio.percentText == "100.0")
        #expect(report.sources.map(\.source) == ["web_form", "referral", "trade_show"])
        #expect(report.sources[0].conversion.percentText == "25.0")
        #expect(report.breachesByRep == [ReportBucket(label: "bob", count: 2), ReportBucket(label: "alice", count: 1)])
        #expect(report.weeks == [WeekCompliance(weekStart: DefaultRules.date("2026-12-07"), met: 3, missed: 2)])
        #expect(report.touchesPerLead.map(\.count) == [3, 2, 1, 0, 0, 1])
        #expect(report.speedToLead.first?.count == 3)
        #expect(report.speedToLead.last == ReportBucket(label: "never", count: 3))
    }

    @Test func windowAndGroupings() throws {
        let facts = try Self.facts(Self.week, until: "2026-12-10T00:00:00Z")
        let rules = DefaultRules.make()
        let window = ReportWindow(since: at("2026-12-08T15:00:00Z"), until: at("2026-12-09T23:50:00Z"))
        let report = Report.make(facts: facts, rules: rules, grouping: .source, window: window, asOf: at("2026-12-10T00:00:00Z"))
        #expect(report.total.leads == 2, "L3 and L4: since is inclusive, until exclusive")
        #expect(report.groups.map(\.key) == ["referral", "trade_show"])
        let byPriority = Report.make(facts: facts, rules: rules, grouping: .priority, window: ReportWindow(),
                                     asOf: at("2026-12-10T00:00:00Z"))
        #expect(byPriority.groups.map(\.key) == ["high", "low", "unqualified"])
        let byTeam = Report.make(facts: facts, rules: rules, grouping: .team, window: ReportWindow(), asOf: at("2026-12-10T00:00:00Z"))
        #expect(byTeam.groups.map(\.key) == ["sales"])
    }

    @Test func touchAfterTheWindowStillCounts() throws {
        // Captured in the window, touched after --until: the cohort is judged on everything known now.
        let lines = [Line.rep("2026-12-08T13:00:00Z", "alice"), Line.capture("2026-12-08T14:00:00Z", "L1", owner: "alice"),
                     Line.touch("2026-12-08T14:04:00Z", "L1", by: "alice")]
        let facts = try Self.facts(lines, until: "2026-12-08T15:00:00Z")
        let report = Report.make(facts: facts, rules: DefaultRules.make(), grouping: .rep,
                                 window: ReportWindow(since: at("2026-12-08T00:00:00Z"), until: at("2026-12-08T14:01:00Z")),
                                 asOf: at("2026-12-08T15:00:00Z"))
        #expect(report.total.slaMet == 1)
    }

    @Test(arguments: [
        ([Int64](), nil as Int64?, nil as Int64?),
        ([7], 7, 7),
        ([1, 2, 3, 4], 2, 4),
        ([5, 1, 3], 3, 5),
        (Array(1...10), 5, 9),
        (Array(1...20), 10, 18),
    ])
    func percentiles(values: [Int64], median: Int64?, p90: Int64?) {
        #expect(Percentiles.median(values) == median)
        #expect(Percentiles.nearestRank(90, of: values) == p90)
    }

    @Test func ratios() {
        #expect(Ratio(2, of: 3).percentText == "66.7")
        #expect(Ratio(1, of: 8).percentText == "12.5")
        #expect(Ratio(0, of: 0).percentText == nil)
        #expect(Ratio(9, of: 7).decimalText(places: 2) == "1.29")
        #expect(Ratio(3, of: 1).decimalText(places: 2) == "3.00")
    }

    @Test func reportJSONHasEveryMember() throws {
        let facts = try Self.facts(Self.week, until: "2026-12-10T00:00:00Z")
        let report = Report.make(facts: facts, rules: DefaultRules.make(), grouping: .rep, window: ReportWindow(),
                                 asOf: at("2026-12-10T00:00:00Z"))
        var w = JSONWriter()
        report.writeJSON(to: &w)
        let json = try JSONParser.parse(w.text)
        #expect(json["by"] == .string("rep"))
        #expect(json["total"]?["sla_met_percent"] == .number("60.0"))
        #expect(json["groups"]?.arrayCount == 3)
        #expect(json["groups"]?[2]?["speed_to_lead_median_seconds"] == .number("60"))
        #expect(json["since"] == .null)
    }
}

extension JSONValue {
    var arrayCount: Int? { if case .array(let a) = self { a.count } else { nil } }
    subscript(index: Int) -> JSONValue? { if case .array(let a) = self, index < a.count { a[index] } else { nil } }
}
