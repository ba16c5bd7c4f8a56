import Testing
@testable import FollowUpCore
@testable import FollowUpReports
import FollowUpTestSupport

/// The stored form of a lead's report contribution (`report_leads.contribution`):
/// every field read back as written, and bytes this build did not write refused
/// with the offset where they stop making sense, never a crash.
@Suite struct ContributionBytesTests {
    /// A contribution with every field set, at the edges of its range where it has one.
    static var full: LeadContribution {
        let facts = CallHoursTests.facts("L 1 ünïcode", zone: "Europe/Berlin", [CallHoursTests.call("2026-12-09T15:30:00Z", .connected)])
        var c = LeadContribution(facts: facts, rules: DefaultRules.make())
        c.capturedAt = Instant(secondsSinceEpoch: .min)
        c.owner = "rep with spaces: 1"
        c.team = nil
        c.wonValue = Amount(cents: .max)
        c.settledSLA = nil
        c.slaDeadline = Instant(secondsSinceEpoch: -1)
        c.speedSeconds = 0
        c.dropDeadline = Instant(secondsSinceEpoch: .max)
        c.breachReps = ["a", "", "ß"]
        c.offers = [LeadContribution.Offer(rep: "x", acceptSeconds: -300), LeadContribution.Offer(rep: "y", acceptSeconds: nil)]
        c.decliners = ["z"]
        c.movesByDeactivation = -2
        return c
    }

    @Test func everyFieldReadsBackAsWritten() throws {
        let c = Self.full
        #expect(try LeadContribution(bytes: c.bytes) == c)
        #expect(!c.callSlots.isEmpty)
    }

    @Test func bytesThisBuildDidNotWriteAreRefusedWithTheirOffset() throws {
        let bytes = Self.full.bytes
        // Every cut short: an error, never a crash or a contribution.
        for end in 0..<bytes.count {
            #expect(throws: LeadContribution.BytesError.self) { try LeadContribution(bytes: Array(bytes[..<end])) }
        }
        #expect(throws: LeadContribution.BytesError.self) { try LeadContribution(bytes: bytes + [0]) }
        var otherFormat = bytes
        otherFormat[0] = 2
        let error = try #require(throws: LeadContribution.BytesError.self) { try LeadContribution(bytes: otherFormat) }
        #expect(error.description == "contribution bytes unreadable at byte 0")
    }

    /// ``GroupSums`` finds a column by its place in `allCases`: the switch must follow the declaration.
    @Test func eachGroupColumnsPositionIsItsPlaceInAllCases() {
        for (place, column) in GroupColumn.allCases.enumerated() {
            #expect(column.position == place, "\(column)")
        }
    }
}
