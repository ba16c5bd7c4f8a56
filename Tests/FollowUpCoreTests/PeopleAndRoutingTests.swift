import Testing
@testable import FollowUpCore
@testable import FollowUpFormats
import FollowUpTestSupport

/// DESIGN.md version 2's people and routing: accept and decline, the
/// acceptance window, planned absence, reps who leave, lead updates and
/// merges, team strategies and capacity. Worked out by hand (EST = UTC−5;
/// Monday 2026-12-07 14:00Z is 09:00 in New York; reps alice → bob → carol).
@Suite struct PeopleAndRoutingTests {
    func run(_ lines: [String], rules: Rules = DefaultRules.make(), until: String) throws -> [Seen] {
        try simulate(lines, rules: rules, until: until).map(Seen.init)
    }

    static func declined(_ at: String, _ lead: String, by rep: String) -> String {
        #"{"at":"\#(at)","type":"lead.declined","lead":"\#(lead)","rep":"\#(rep)","reason":"not my territory"}"#
    }
    static func accepted(_ at: String, _ lead: String, by rep: String) -> String {
        #"{"at":"\#(at)","type":"lead.accepted","lead":"\#(lead)","rep":"\#(rep)"}"#
    }
    static func deactivated(_ at: String, _ rep: String) -> String {
        #"{"at":"\#(at)","type":"rep.deactivated","rep":"\#(rep)"}"#
    }
    static func awayFrom(_ at: String, _ rep: String, from: String, until: String) -> String {
        #"{"at":"\#(at)","type":"rep.availability","rep":"\#(rep)","available":false,"from":"\#(from)","until":"\#(until)"}"#
    }
    static func updated(_ at: String, _ lead: String, _ fields: String) -> String {
        #"{"at":"\#(at)","type":"lead.updated","lead":{"id":"\#(lead)",\#(fields)}}"#
    }
    static func merged(_ at: String, _ lead: String, _ duplicate: String) -> String {
        #"{"at":"\#(at)","type":"lead.merged","lead":"\#(lead)","duplicate":"\#(duplicate)"}"#
    }

    /// A decline along the chain gets a fresh deadline; one by someone else, or
    /// after step 1, changes nothing; with nobody left, lead.unrouted and the
    /// decliner stays the nominal owner until a touch.
    @Test func aDeclineMovesStepOneAlongTheChain() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "D1", owner: "bob"),
            Self.declined("2026-12-07T14:01:00Z", "D1", by: "alice"),  // not the owner
            Self.declined("2026-12-07T14:02:00Z", "D1", by: "bob"),
            Self.declined("2026-12-07T14:03:00Z", "D1", by: "carol"),  // carol has no backup: nobody
            Line.touch("2026-12-07T14:30:00Z", "D1", by: "carol"),
            Self.declined("2026-12-07T14:31:00Z", "D1", by: "carol"),  // step 1 is met: nothing
        ], until: "2026-12-07T15:00:00Z")
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "D1", "bob", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:02:00Z", "lead.assigned", "D1", "carol", step: 1, deadline: "2026-12-07T14:07:00Z", reason: "declined"),
            Seen("2026-12-07T14:03:00Z", "lead.unrouted", "D1", "sales-manager"),
            Seen("2026-12-07T14:30:00Z", "touch.due", "D1", "carol", step: 2, deadline: "2026-12-08T14:00:00Z"),
        ])
    }

    /// With `accept_within`, each lead.assigned carrying step 1 says `accept_by`;
    /// an owner who neither accepts nor touches by then loses the lead (not_accepted).
    @Test func anAcceptanceWindowMovesAnUnacceptedLead() throws {
        var window = FollowThrough.shipped
        window.acceptWithin = .minutes(2)
        let rules = DefaultRules.make(followThrough: window)
        let out = try simulate(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "W1", owner: "alice"),
            Line.capture("2026-12-07T14:00:00Z", "W2", owner: "alice"),
            Self.accepted("2026-12-07T14:01:00Z", "W2", by: "alice"),
            Line.touch("2026-12-07T14:01:30Z", "W1", by: "alice", "email", "bounced"),  // a bounce does not stop the window
        ], rules: rules, until: "2026-12-07T14:04:30Z")
        #expect(out.map(Seen.init) == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "W1", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "W2", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:02:00Z", "lead.assigned", "W1", "bob", step: 1, deadline: "2026-12-07T14:07:00Z", reason: "not_accepted"),
            // bob's window ends at 14:04, but his deadline (14:07) is later, so he loses it too.
            Seen("2026-12-07T14:04:00Z", "lead.assigned", "W1", "carol", step: 1, deadline: "2026-12-07T14:09:00Z", reason: "not_accepted"),
        ])
        #expect(out.map { $0.acceptBy?.description } == ["2026-12-07T14:02:00Z", "2026-12-07T14:02:00Z", "2026-12-07T14:04:00Z", "2026-12-07T14:06:00Z"])
        #expect(out[0].jsonLine.contains(#""accept_by":"2026-12-07T14:02:00Z""#))
    }

    /// A planned absence happens at `from` as if its event came then: events at
    /// that instant still see the rep available, then the hand-off moves every
    /// lead awaiting its first touch, in capture order.
    @Test func aPlannedAbsenceHandsOffAtItsStart() throws {
        let out = try run(Line.standardReps() + [
            Self.awayFrom("2026-12-07T13:00:00Z", "alice", from: "2026-12-08T14:00:00Z", until: "2026-12-10T14:00:00Z"),
            Line.capture("2026-12-08T13:30:00Z", "P1", source: "referral", owner: "alice"),
            Line.capture("2026-12-08T14:00:00Z", "P2", source: "referral", owner: "alice"),
        ], until: "2026-12-08T14:01:00Z")
        #expect(out == [
            Seen("2026-12-08T13:30:00Z", "lead.assigned", "P1", "alice", step: 1, deadline: "2026-12-08T17:30:00Z", reason: "new"),
            Seen("2026-12-08T14:00:00Z", "lead.assigned", "P2", "alice", step: 1, deadline: "2026-12-08T18:00:00Z", reason: "new"),
            Seen("2026-12-08T14:00:00Z", "lead.assigned", "P1", "bob", step: 1, deadline: "2026-12-08T18:00:00Z", reason: "owner_unavailable"),
            Seen("2026-12-08T14:00:00Z", "lead.assigned", "P2", "bob", step: 1, deadline: "2026-12-08T18:00:00Z", reason: "owner_unavailable"),
        ])
        // A later availability event replaces the pending one: nothing happens at `from`.
        let cancelled = try run(Line.standardReps() + [
            Self.awayFrom("2026-12-07T13:00:00Z", "alice", from: "2026-12-08T14:00:00Z", until: "2026-12-10T14:00:00Z"),
            Line.back("2026-12-07T13:01:00Z", "alice"),
            Line.capture("2026-12-08T13:30:00Z", "P1", source: "referral", owner: "alice"),
        ], until: "2026-12-08T14:01:00Z")
        #expect(cancelled.count == 1)
    }

    /// A rep who leaves hands every open lead on: step 1 with a fresh deadline
    /// to a rep of the chain who has not had it; an engaged lead and a later
    /// step keep what they have, and go to the chain even to a rep who had them.
    @Test func aRepWhoLeavesHandsEveryOpenLeadOn() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "B1", owner: "bob"),
            Line.capture("2026-12-07T14:00:00Z", "B2", owner: "bob"),
            Line.capture("2026-12-07T14:00:00Z", "B3", owner: "bob"),
            Line.touch("2026-12-07T14:01:00Z", "B2", by: "bob", "call", "connected"),
            Line.touch("2026-12-07T14:01:00Z", "B3", by: "bob"),
            Self.deactivated("2026-12-07T14:02:00Z", "bob"),
            Line.capture("2026-12-07T14:03:00Z", "B4"),  // round robin skips bob now
        ], until: "2026-12-07T14:04:00Z")
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "B1", "bob", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "B2", "bob", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "B3", "bob", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:01:00Z", "touch.due", "B3", "bob", step: 2, deadline: "2026-12-08T14:00:00Z"),
            Seen("2026-12-07T14:02:00Z", "lead.assigned", "B1", "carol", step: 1, deadline: "2026-12-07T14:07:00Z", reason: "owner_deactivated"),
            Seen("2026-12-07T14:02:00Z", "lead.assigned", "B2", "carol", reason: "owner_deactivated"),
            Seen("2026-12-07T14:02:00Z", "lead.assigned", "B3", "carol", step: 2, deadline: "2026-12-08T14:00:00Z", reason: "owner_deactivated"),
            Seen("2026-12-07T14:03:00Z", "lead.assigned", "B4", "alice", step: 1, deadline: "2026-12-07T14:08:00Z", reason: "new"),
        ])
    }

    /// Smooth weighted round robin, weights 3 and 1: a, a, b, a.
    @Test func weightedRoutingFollowsTheWeights() throws {
        var rules = DefaultRules.make()
        rules.routing.strategies["sales"] = .weighted
        let reps = [
            #"{"at":"2026-12-07T13:00:00Z","type":"rep.upserted","rep":{"id":"ann","team":"sales","weight":3}}"#,
            #"{"at":"2026-12-07T13:00:00Z","type":"rep.upserted","rep":{"id":"ben","team":"sales"}}"#,
        ]
        let captures = (1...8).map { Line.capture("2026-12-07T14:0\($0):00Z", "G\($0)") }
        let owners = try run(reps + captures, rules: rules, until: "2026-12-07T14:09:00Z")
            .filter { $0.kind == "lead.assigned" && $0.reason == "new" }.map(\.to)
        #expect(owners == ["ann", "ann", "ben", "ann", "ann", "ann", "ben", "ann"])
    }

    /// least_open gives the rep holding the fewest leads in cadence; a rep at
    /// capacity is skipped by routing (but not by a named owner).
    @Test func leastOpenAndCapacity() throws {
        var rules = DefaultRules.make()
        rules.routing.strategies["sales"] = .leastOpen
        let reps = [
            #"{"at":"2026-12-07T13:00:00Z","type":"rep.upserted","rep":{"id":"ann","team":"sales","capacity":1}}"#,
            #"{"at":"2026-12-07T13:00:00Z","type":"rep.upserted","rep":{"id":"ben","team":"sales"}}"#,
        ]
        let out = try run(reps + [
            Line.capture("2026-12-07T14:00:00Z", "C1", owner: "ben"),
            Line.capture("2026-12-07T14:00:00Z", "C2"),  // ann 0, ben 1: ann
            Line.capture("2026-12-07T14:00:00Z", "C3"),  // ann at capacity: ben
            Line.capture("2026-12-07T14:00:00Z", "C4", owner: "ann"),  // named: ann even at capacity
            Line.touch("2026-12-07T14:01:00Z", "C2", by: "ann", "call", "connected"),  // ann has 1 left (C4)
            Line.capture("2026-12-07T14:02:00Z", "C5"),  // ann 1 = capacity: ben
        ], rules: rules, until: "2026-12-07T14:03:00Z")
        #expect(out.filter { $0.kind == "lead.assigned" }.map { "\($0.lead) \($0.to)" } == ["C1 ben", "C2 ann", "C3 ben", "C4 ann", "C5 ben"])
    }

    /// An unqualified lead that gets a phone is triaged again: its cadence starts then.
    @Test func anUnqualifiedLeadQualifiesWhenItGetsAPhone() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "Q1", owner: "alice", contact: false),
            Line.touch("2026-12-07T14:10:00Z", "Q1", by: "alice", "mail", "sent"),  // while unqualified: does not count
            Self.updated("2026-12-08T14:00:00Z", "Q1", #""phone":"+1 555 0199","country":"US""#),
            Line.touch("2026-12-08T14:02:00Z", "Q1", by: "alice"),
        ], until: "2026-12-08T14:03:00Z")
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "Q1", "alice", reason: "new"),
            Seen("2026-12-08T14:00:00Z", "lead.assigned", "Q1", "alice", step: 1, deadline: "2026-12-08T14:05:00Z", reason: "qualified"),
            // Step 2: "capture + 24h" reads qualification + 24h.
            Seen("2026-12-08T14:02:00Z", "touch.due", "Q1", "alice", step: 2, deadline: "2026-12-09T14:00:00Z"),
        ])
    }

    /// A merge makes the duplicate final and lifts the survivor silently by its score.
    @Test func aMergeFoldsTheDuplicateIn() throws {
        var sim = Simulation(rules: DefaultRules.make())
        var out: [LeadNotification] = []
        for line in Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "M1", source: "referral", owner: "alice"),
            Line.capture("2026-12-07T14:00:00Z", "M2", source: "referral", owner: "bob", extra: #","score":26"#),
            Self.merged("2026-12-07T14:10:00Z", "M1", "M2"),
        ] { try sim.apply(try EventDecoder.decode(line)) { out += $0.notifications } }
        sim.run(until: at("2026-12-07T20:00:00Z")) { out += $0.notifications }
        #expect(sim.world.lead("M2")?.status == .merged)
        #expect(sim.world.lead("M1")?.score == 26)
        #expect(sim.world.lead("M1")?.priority == "high")
        // M1's deadline moved to 14:10 + 5 min; nothing more for M2.
        #expect(out.filter { $0.lead == "M1" && $0.at <= at("2026-12-07T14:15:00Z") }.map(Seen.init) == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "M1", "alice", step: 1, deadline: "2026-12-07T18:00:00Z", reason: "new"),
            Seen("2026-12-07T14:15:00Z", "sla.breached", "M1", "alice", step: 1),
            Seen("2026-12-07T14:15:00Z", "lead.assigned", "M1", "bob", step: 1, deadline: "2026-12-07T14:20:00Z", reason: "escalated"),
        ])
        #expect(!out.contains { $0.lead == "M2" && $0.at > at("2026-12-07T14:10:00Z") })
    }

    @Test func aTouchByARepNobodyUpsertedIsRefused() throws {
        let lines = Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "T1", owner: "alice"),
            Line.touch("2026-12-07T14:01:00Z", "T1", by: "mallory"),
        ]
        do {
            _ = try simulate(lines, until: "2026-12-07T15:00:00Z")
            Issue.record("a touch by an unknown rep was accepted")
        } catch {
            #expect((error as? Diagnostic)?.field == "rep", "\(error)")
        }
    }
}
