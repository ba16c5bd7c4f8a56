import FollowUpCore
@testable import FollowUpReports
import FollowUpFormats
import FollowUpTestSupport
import Testing

/// `lead.status` `won` with the deal's `value` (issue 15, ROI by source):
/// validated where it is read, naming the field; written back to the log as
/// it came; and a source's cost prorated over a report's period.
@Suite struct WonValueTests {
    static func decode(_ line: String) throws(Diagnostic) -> Event { try EventDecoder.decode(line) }

    @Test func aWinCarriesItsValueAndTheLogKeepsIt() throws {
        let e = try Self.decode(#"{"at":"2026-11-25T10:00:00Z","type":"lead.status","lead":"L1","status":"won","value":1200.5}"#)
        #expect(e.body == .leadStatus(lead: "L1", .won, value: Amount(cents: 120_050)))
        #expect(e.attributes.isEmpty, "value is a field, not an attribute")
        #expect(e.jsonLine.contains(#""value":1200.50"#), "\(e.jsonLine)")
        #expect(try Self.decode(e.jsonLine) == e, "the event log replays it")
        let plain = try Self.decode(#"{"at":"2026-11-25T10:00:00Z","type":"lead.status","lead":"L1","status":"won"}"#)
        #expect(plain.body == .leadStatus(lead: "L1", .won, value: nil))
    }

    @Test(arguments: [
        #"{"type":"lead.status","lead":"L1","status":"won","value":-1}"#,
        #"{"type":"lead.status","lead":"L1","status":"won","value":"1200"}"#,
        #"{"type":"lead.status","lead":"L1","status":"won","value":1e10}"#,
        #"{"type":"lead.status","lead":"L1","status":"won","value":99999999999999999999999}"#,
        #"{"type":"lead.status","lead":"L1","status":"lost","value":100}"#,
    ])
    func aBadValueIsRefusedNamingTheField(_ line: String) {
        do {
            _ = try EventDecoder.decode(line, defaultAt: Instant(secondsSinceEpoch: 0))
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.field == "value", "\(error)")
        }
    }

    @Test func theEngineKeepsTheValueOfTheStatusThatApplied() throws {
        var sim = Simulation(rules: DefaultRules.make())
        for line in [
            #"{"at":"2026-11-24T20:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"d@x.test"}}"#,
            #"{"at":"2026-11-24T20:05:00Z","type":"lead.status","lead":"L1","status":"won","value":5}"#,
            #"{"at":"2026-11-24T20:06:00Z","type":"lead.status","lead":"L1","status":"won","value":9}"#,
            #"{"at":"2026-11-24T20:07:00Z","type":"lead.captured","lead":{"id":"L2","source":"web_form","email":"e@x.test"}}"#,
        ] {
            try sim.apply(try EventDecoder.decode(line)) { _ in }
        }
        #expect(sim.world.lead("L1")?.wonValue == Amount(cents: 500), "a final status is final, its value too")
        #expect(sim.world.lead("L2")?.wonValue == nil)
    }

    @Test func aSourcesCostIsProratedByCalendarMonth() {
        func instant(_ text: String) -> Instant { RFC3339.parse(text)! }
        let perMonth = Amount(cents: 120_000)
        #expect(SourceCost.prorated(perMonth, from: instant("2026-11-01T00:00:00Z"), to: instant("2026-12-01T00:00:00Z")) == perMonth)
        #expect(SourceCost.prorated(perMonth, from: instant("2026-11-01T00:00:00Z"), to: instant("2026-11-16T00:00:00Z"))
                == Amount(cents: 60_000))
        // 15 November days (half of 1200) and 15 of December's 31 (580.65).
        #expect(SourceCost.prorated(perMonth, from: instant("2026-11-16T00:00:00Z"), to: instant("2026-12-16T00:00:00Z"))
                == Amount(cents: 60_000 + 58_065))
        #expect(SourceCost.prorated(perMonth, from: instant("2026-11-16T00:00:00Z"), to: instant("2026-11-16T00:00:00Z")) == .zero)
    }

    @Test func roiAndItsQuotientsNeverDivideByZero() {
        let money = SourceReturn(revenue: Amount(cents: 500_000), valuedWins: 1, cost: Amount(cents: 120_000))
        #expect(money.roiText == "3.17")
        #expect(money.costPerLead(leads: 3) == Amount(cents: 40_000))
        #expect(money.costPerWin(won: 0) == nil)
        #expect(SourceReturn(revenue: .zero, cost: Amount(cents: 400)).roiText == "-1.00")
        #expect(SourceReturn(revenue: Amount(cents: 100), cost: Amount(cents: 400)).roiText == "-0.75")
        #expect(SourceReturn(revenue: Amount(cents: 100), cost: .zero).roiText == nil)
        #expect(SourceReturn(revenue: Amount(cents: 100), cost: nil).costPerLead(leads: 2) == nil)
    }
}
