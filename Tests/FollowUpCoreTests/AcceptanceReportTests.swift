import Testing
@testable import FollowUpCore
@testable import FollowUpFormats
@testable import FollowUpReports
import FollowUpTestSupport

/// The people-and-routing figures (offered, accepted, acceptance percent,
/// time to accept, declines, moved by deactivation, merges, team load) as
/// docs/reports.md defines them, on facts made by hand, each edge on its own.
@Suite struct AcceptanceReportTests {
    static let rules = DefaultRules.make(followThrough: .shipped)

    static func lead(_ id: LeadID, owner: RepID, source: String = "web_form", status: LeadStatus = .open) -> LeadState {
        LeadState(profile: LeadProfile(id: id, source: source, email: "x@lead.test"), seq: 1,
                  capturedAt: at("2026-12-01T15:00:00Z"), priority: "high", policy: "default", triageRule: "high",
                  score: 0, team: "sales", owner: owner, had: [owner], status: status)
    }

    static func assigned(_ time: String, to rep: String, step: Int? = 1, _ reason: NotificationReason) -> NoticeFact {
        NoticeFact(at: at(time), kind: .leadAssigned, step: step, to: rep, reason: reason)
    }

    static func accept(_ time: String, by rep: String) -> OfferResponse {
        OfferResponse(at: at(time), rep: rep, answer: .accepted)
    }

    static func decline(_ time: String, by rep: String) -> OfferResponse {
        OfferResponse(at: at(time), rep: rep, answer: .declined)
    }

    // MARK: Offers and accepts

    @Test func anOfferIsAcceptedByItsRepWhileTheyOwnTheLead() {
        let notices = [Self.assigned("2026-12-01T15:00:00Z", to: "alice", .new),
                       Self.assigned("2026-12-01T15:15:00Z", to: "bob", .notAccepted),
                       Self.assigned("2026-12-01T15:40:00Z", to: "carol", step: 2, .manual)]
        let a = Acceptance(notices: notices, responses: [
            Self.accept("2026-12-01T15:20:00Z", by: "alice"),  // after the lead left her: not hers to accept
            Self.accept("2026-12-01T15:22:00Z", by: "bob"),
            Self.accept("2026-12-01T15:30:00Z", by: "bob"),    // a second accept: the first counts
            Self.accept("2026-12-01T15:41:00Z", by: "carol"),  // carol got step 2: no offer of step 1
        ])
        #expect(a.offers == [Acceptance.Offer(rep: "alice", at: at("2026-12-01T15:00:00Z")),
                             Acceptance.Offer(rep: "bob", at: at("2026-12-01T15:15:00Z"), timeToAccept: .minutes(7))])
        #expect(a.accepted == 1)
    }

    @Test func anAcceptAtTheInstantTheLeadMovesOnCounts() {
        // Events come before timers within an instant: an accept at accept_by beat the window.
        let notices = [Self.assigned("2026-12-01T15:00:00Z", to: "alice", .new),
                       Self.assigned("2026-12-01T15:15:00Z", to: "bob", .escalated)]
        #expect(Acceptance(notices: notices, responses: [Self.accept("2026-12-01T15:15:00Z", by: "alice")]).accepted == 1)
        #expect(Acceptance(notices: notices, responses: [Self.accept("2026-12-01T15:15:01Z", by: "alice")]).accepted == 0)
        #expect(Acceptance(notices: notices, responses: [Self.accept("2026-12-01T14:59:59Z", by: "alice")]).accepted == 0,
                "before the offer")
    }

    // MARK: Declines

    @Test func aDeclineCountsWhenItMovedTheLead() {
        let notices = [Self.assigned("2026-12-01T15:00:00Z", to: "alice", .new),
                       Self.assigned("2026-12-01T15:01:00Z", to: "bob", .declined)]
        let a = Acceptance(notices: notices, responses: [
            Self.decline("2026-12-01T15:00:30Z", by: "carol"),  // not the owner: recorded, moved nothing
            Self.decline("2026-12-01T15:01:00Z", by: "alice"),
            Self.decline("2026-12-01T15:05:00Z", by: "bob"),    // found nobody (lead.unrouted): no move
        ])
        #expect(a.decliners == ["alice"])
        #expect(a.offers.map(\.rep) == ["alice", "bob"], "the move after a decline is an offer to the next rep")
    }

    @Test func onlyAMoveBecauseTheOwnerLeftIsAMoveByDeactivation() {
        #expect(Self.assigned("2026-12-01T15:00:00Z", to: "bob", step: 3, .ownerDeactivated).isMoveByDeactivation)
        #expect(Self.assigned("2026-12-01T15:00:00Z", to: "bob", step: nil, .ownerDeactivated).isMoveByDeactivation)
        #expect(!Self.assigned("2026-12-01T15:00:00Z", to: "bob", .ownerUnavailable).isMoveByDeactivation)
        #expect(!NoticeFact(at: at("2026-12-01T15:00:00Z"), kind: .touchDue, step: 1, to: "bob", reason: .ownerDeactivated)
            .isMoveByDeactivation)
    }

    // MARK: The report

    /// L1: alice accepts in 1 min. L2: bob declines, carol gets it and accepts
    /// in 3 min. L3: dave is offered it and leaves (rep.deactivated); carol
    /// gets it and does not accept. L4 was merged into L1.
    static var facts: [LeadFacts] {
        [
            LeadFacts(lead: lead("L1", owner: "alice"), touches: [],
                      notices: [assigned("2026-12-01T15:00:00Z", to: "alice", .new)],
                      responses: [accept("2026-12-01T15:01:00Z", by: "alice")]),
            LeadFacts(lead: lead("L2", owner: "carol", source: "chat"), touches: [],
                      notices: [assigned("2026-12-01T15:00:00Z", to: "bob", .new),
                                assigned("2026-12-01T15:02:00Z", to: "carol", .declined)],
                      responses: [decline("2026-12-01T15:02:00Z", by: "bob"), accept("2026-12-01T15:05:00Z", by: "carol")]),
            LeadFacts(lead: lead("L3", owner: "carol", source: "chat"), touches: [],
                      notices: [assigned("2026-12-01T15:00:00Z", to: "dave", .new),
                                assigned("2026-12-01T15:30:00Z", to: "carol", .ownerDeactivated)],
                      responses: []),
            LeadFacts(lead: lead("L4", owner: "alice", status: .merged), touches: [],
                      notices: [assigned("2026-12-01T15:00:00Z", to: "alice", .new)],
                      responses: [accept("2026-12-01T15:00:00Z", by: "alice")]),
        ]
    }

    @Test func byRepOffersAndDeclinesAreTheRepsOwn() {
        let report = Report.make(facts: Self.facts, rules: Self.rules, grouping: .rep, window: ReportWindow(),
                                 asOf: at("2026-12-01T16:00:00Z"))
        let rows = Dictionary(uniqueKeysWithValues: report.groups.map { ($0.key, $0) })
        #expect(report.groups.map(\.key) == ["alice", "bob", "carol", "dave"])
        // bob and dave own nothing now: their rows exist for what they were offered.
        #expect((rows["bob"]?.leads, rows["bob"]?.offered, rows["bob"]?.accepted, rows["bob"]?.declines) == (0, 1, 0, 1))
        #expect(rows["bob"]?.acceptanceRatio.percentText == "0.0")
        #expect((rows["dave"]?.offered, rows["dave"]?.movedByDeactivation) == (1, 0), "the move is the lead's: carol's row")
        #expect((rows["carol"]?.leads, rows["carol"]?.offered, rows["carol"]?.accepted) == (2, 2, 1))
        #expect(rows["carol"]?.acceptanceRatio.percentText == "50.0")
        #expect(rows["carol"]?.timeToAcceptMedian == .minutes(3))
        #expect(rows["carol"]?.movedByDeactivation == 1)
        // The merged duplicate is a merge in its owner's row and nothing else (not a lead, not an offer).
        #expect((rows["alice"]?.leads, rows["alice"]?.offered, rows["alice"]?.merges) == (1, 1, 1))
        let t = report.total
        #expect((t.leads, t.offered, t.accepted, t.declines, t.movedByDeactivation, t.merges) == (3, 5, 2, 1, 1, 1))
        #expect(t.acceptanceRatio.percentText == "40.0")
        // Median of 1 min and 3 min: their mean.
        #expect(t.timeToAcceptMedian == .minutes(2))
    }

    @Test func byAnyOtherGroupingTheyAreTheLeads() {
        let report = Report.make(facts: Self.facts, rules: Self.rules, grouping: .source, window: ReportWindow(),
                                 asOf: at("2026-12-01T16:00:00Z"))
        let rows = Dictionary(uniqueKeysWithValues: report.groups.map { ($0.key, $0) })
        #expect(report.groups.map(\.key) == ["chat", "web_form"])
        #expect((rows["chat"]?.offered, rows["chat"]?.accepted, rows["chat"]?.declines) == (4, 1, 1))
        #expect((rows["web_form"]?.offered, rows["web_form"]?.merges) == (1, 1))
    }

    @Test func withNoOfferThereIsNoPercentAndNoMedian() {
        let report = Report.make(facts: [], rules: Self.rules, grouping: .rep, window: ReportWindow(),
                                 asOf: at("2026-12-01T16:00:00Z"),
                                 teamLoad: [ReportBucket(label: "emea", count: 2), ReportBucket(label: "(none)", count: 1)])
        #expect(report.total.acceptanceRatio.percentText == nil)
        #expect(report.total.timeToAcceptMedian == nil)
        #expect(report.teamLoad.map(\.label) == ["(none)", "emea"], "sorted by team")
        var w = JSONWriter()
        report.writeJSON(to: &w)
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text.contains(#""acceptance_percent":null,"time_to_accept_median_seconds":null,"declines":0,"#
            + #""moved_by_deactivation":0,"merges":0}"#), "\(text)")
        #expect(text.hasSuffix(#""team_load":[{"team":"(none)","leads_in_cadence":1},{"team":"emea","leads_in_cadence":2}]}"#),
                "\(text)")
    }
}
