import Testing
@testable import FollowUpCore
@testable import FollowUpFormats
import FollowUpTestSupport

/// Event lines for engine tests, in DESIGN.md's format.
enum Line {
    static func rep(_ at: String, _ id: String, backup: String? = nil, team: String = "sales") -> String {
        let b = backup.map { #","backup":"\#($0)""# } ?? ""
        return #"{"at":"\#(at)","type":"rep.upserted","rep":{"id":"\#(id)","email":"\#(id)@example.com","team":"\#(team)"\#(b),"timezone":"America/New_York"}}"#
    }

    /// alice → bob → carol, and carol has no backup.
    static func standardReps(_ at: String = "2026-12-07T13:00:00Z") -> [String] {
        [rep(at, "alice", backup: "bob"), rep(at, "bob", backup: "carol"), rep(at, "carol")]
    }

    static func away(_ at: String, _ rep: String, until: String? = nil) -> String {
        let u = until.map { #","until":"\#($0)""# } ?? ""
        return #"{"at":"\#(at)","type":"rep.availability","rep":"\#(rep)","available":false\#(u)}"#
    }

    static func back(_ at: String, _ rep: String) -> String {
        #"{"at":"\#(at)","type":"rep.availability","rep":"\#(rep)","available":true}"#
    }

    /// A lead; `contact: false` leaves out email and phone (unqualified).
    static func capture(_ at: String, _ id: String, source: String = "web_form", owner: String? = nil,
                        contact: Bool = true, extra: String = "") -> String {
        let o = owner.map { #","owner":"\#($0)""# } ?? ""
        let c = contact ? #","email":"\#(id.lowercased())@lead.test""# : ""
        return #"{"at":"\#(at)","type":"lead.captured","lead":{"id":"\#(id)","source":"\#(source)","name":"N"\#(c)\#(o)\#(extra)}}"#
    }

    static func touch(_ at: String, _ lead: String, by rep: String, _ channel: String = "call", _ outcome: String = "no_answer") -> String {
        #"{"at":"\#(at)","type":"touch.logged","lead":"\#(lead)","rep":"\#(rep)","channel":"\#(channel)","outcome":"\#(outcome)"}"#
    }

    static func activity(_ at: String, _ lead: String, _ action: String) -> String {
        #"{"at":"\#(at)","type":"lead.activity","lead":"\#(lead)","action":"\#(action)"}"#
    }

    static func status(_ at: String, _ lead: String, _ status: String = "won") -> String {
        #"{"at":"\#(at)","type":"lead.status","lead":"\#(lead)","status":"\#(status)"}"#
    }

    static func reassign(_ at: String, _ lead: String, to owner: String) -> String {
        #"{"at":"\#(at)","type":"lead.reassigned","lead":"\#(lead)","owner":"\#(owner)"}"#
    }
}

/// Engine behaviour on small event sequences. Every expectation is worked out
/// by hand from DESIGN.md (default policy; EST = UTC−5 in these December dates,
/// so 14:00Z is 09:00 in New York on Monday 2026-12-07).
@Suite struct EngineTests {
    func run(_ lines: [String], rules: Rules = DefaultRules.make(), until: String? = nil) throws -> [Seen] {
        try simulate(lines, rules: rules, until: until).map(Seen.init)
    }

    // MARK: Ids

    @Test func idsAreLeadKindStepAndACountFromOne() throws {
        let out = try simulate(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.touch("2026-12-07T15:00:00Z", "L1", by: "carol"),
            Line.reassign("2026-12-08T15:00:00Z", "L1", to: "alice"),
            Line.status("2026-12-08T16:00:00Z", "L1"),
        ])
        #expect(out.map(\.id) == [
            "L1:lead.assigned:1:1",  // alice, 14:00
            "L1:sla.breached:1:1",  // alice, 14:05
            "L1:lead.assigned:1:2",  // bob, escalated
            "L1:sla.breached:1:2",  // bob, 14:10
            "L1:lead.assigned:1:3",  // carol, escalated
            "L1:sla.breached:1:3",  // carol, 14:15
            "L1:lead.unrouted:0:1",  // nobody left; nothing more for step 1 until the touch
            "L1:touch.due:2:1",  // carol's touch at 15:00
            "L1:sla.breached:2:1",  // 12-08 14:00Z, carol has no backup
            "L1:lead.assigned:2:1",  // manual, carrying step 2
        ])
        #expect(out.map(Seen.init) == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "L1", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:05:00Z", "sla.breached", "L1", "alice", step: 1),
            Seen("2026-12-07T14:05:00Z", "lead.assigned", "L1", "bob", step: 1, deadline: "2026-12-07T14:10:00Z", reason: "escalated"),
            Seen("2026-12-07T14:10:00Z", "sla.breached", "L1", "bob", step: 1),
            Seen("2026-12-07T14:10:00Z", "lead.assigned", "L1", "carol", step: 1, deadline: "2026-12-07T14:15:00Z", reason: "escalated"),
            Seen("2026-12-07T14:15:00Z", "sla.breached", "L1", "carol", step: 1),
            Seen("2026-12-07T14:15:00Z", "lead.unrouted", "L1", "sales-manager"),
            Seen("2026-12-07T15:00:00Z", "touch.due", "L1", "carol", step: 2, deadline: "2026-12-08T14:00:00Z"),
            Seen("2026-12-08T14:00:00Z", "sla.breached", "L1", "carol", step: 2),
            Seen("2026-12-08T15:00:00Z", "lead.assigned", "L1", "alice", step: 2, deadline: "2026-12-08T14:00:00Z", reason: "manual"),
        ])
    }

    @Test func ownerAndBackupBreachesCountSeparately() throws {
        let out = try simulate(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.touch("2026-12-07T14:01:00Z", "L1", by: "alice"),
            Line.status("2026-12-08T15:00:00Z", "L1"),
        ])
        #expect(out.filter { $0.kind == .slaBreached }.map { "\($0.id) → \($0.to)" } == [
            "L1:sla.breached:2:1 → alice", "L1:sla.breached:2:2 → bob",
        ])
    }

    @Test func idsAreDeterministicAcrossReplays() throws {
        let lines = Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.capture("2026-12-07T14:00:00Z", "L2", owner: "bob"),
            Line.touch("2026-12-07T14:30:00Z", "L2", by: "bob"),
        ]
        let first = try simulate(lines).map(\.jsonLine), second = try simulate(lines).map(\.jsonLine)
        #expect(first == second)
        #expect(Set(first).count == first.count)
    }

    // MARK: Order within one instant

    /// At 14:05: what the event causes, then the timers in capture order (Z9
    /// was captured before A1, though it sorts after it), and within one lead
    /// the breach before the assignment or the unrouting.
    @Test func eventsBeforeTimersAndTimersInCaptureOrder() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T13:05:00Z", "Z9", source: "newsletter", owner: "alice"),  // medium: 14:05
            Line.capture("2026-12-07T14:00:00Z", "A1", owner: "carol"),  // high: 14:05, carol has no backup
            Line.capture("2026-12-07T14:05:00Z", "L3", owner: "bob"),
            Line.status("2026-12-07T14:06:00Z", "Z9"), Line.status("2026-12-07T14:06:00Z", "A1"), Line.status("2026-12-07T14:06:00Z", "L3"),
        ])
        #expect(out.filter { $0.at == "2026-12-07T14:05:00Z" } == [
            Seen("2026-12-07T14:05:00Z", "lead.assigned", "L3", "bob", step: 1, deadline: "2026-12-07T14:10:00Z", reason: "new"),
            Seen("2026-12-07T14:05:00Z", "sla.breached", "Z9", "alice", step: 1),
            Seen("2026-12-07T14:05:00Z", "lead.assigned", "Z9", "bob", step: 1, deadline: "2026-12-07T15:05:00Z", reason: "escalated"),
            Seen("2026-12-07T14:05:00Z", "sla.breached", "A1", "carol", step: 1),
            Seen("2026-12-07T14:05:00Z", "lead.unrouted", "A1", "sales-manager"),
        ])
    }

    @Test func timersOrderByTimeThenCaptureThenKind() {
        let t = at("2026-12-07T14:05:00Z")
        let timers = [
            LeadTimer(at: t, leadSeq: 2, lead: "B", kind: .due(step: 2)),
            LeadTimer(at: t, leadSeq: 1, lead: "A", kind: .nurture),
            LeadTimer(at: t, leadSeq: 1, lead: "A", kind: .deadline(step: 3)),
            LeadTimer(at: t - .minutes(1), leadSeq: 9, lead: "Z", kind: .nurture),
            LeadTimer(at: t, leadSeq: 1, lead: "A", kind: .due(step: 3)),
        ]
        #expect(timers.sorted().map { "\($0.lead) \($0.kind.code)" } == ["Z nurture", "A due:3", "A deadline:3", "A nurture", "B due:2"])
        #expect(LeadTimer.Kind(code: "deadline:4") == .deadline(step: 4))
        #expect(LeadTimer.Kind(code: "nurture") == .nurture)
        #expect(LeadTimer.Kind(code: "soon:1") == nil)
    }

    // MARK: Escalation chains

    @Test func chainsStopAtARepeatOrAnUnknownRep() {
        var team = TeamState()
        for (id, backup) in [("alice", "bob"), ("bob", "alice"), ("self", "self"), ("a", "b"), ("b", "c"), ("c", "a"), ("d", "ghost")] {
            team.upsert(Rep(id: id, team: "sales", backup: backup))
        }
        #expect(team.chain(of: "alice") == ["bob"])
        #expect(team.chain(of: "bob") == ["alice"])
        #expect(team.chain(of: "self") == [])
        #expect(team.chain(of: "a") == ["b", "c"])
        #expect(team.chain(of: "d") == [])
        #expect(team.chain(of: "nobody") == [])
    }

    /// alice ⇄ bob: the escalation reaches bob, then alice again, who has had the lead: unrouted, and it ends.
    @Test func escalationAroundACycleTerminates() throws {
        let out = try run([
            Line.rep("2026-12-07T13:00:00Z", "alice", backup: "bob"),
            Line.rep("2026-12-07T13:00:00Z", "bob", backup: "alice"),
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
        ], until: "2026-12-14T00:00:00Z")
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "L1", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:05:00Z", "sla.breached", "L1", "alice", step: 1),
            Seen("2026-12-07T14:05:00Z", "lead.assigned", "L1", "bob", step: 1, deadline: "2026-12-07T14:10:00Z", reason: "escalated"),
            Seen("2026-12-07T14:10:00Z", "sla.breached", "L1", "bob", step: 1),
            Seen("2026-12-07T14:10:00Z", "lead.unrouted", "L1", "sales-manager"),
        ])
    }

    // MARK: auto_acknowledge

    /// With auto_acknowledge: the step 2 breach goes to alice and bob, then the
    /// lead is acknowledged, which is touch 2, so step 3 counts from the breach
    /// (12-08 14:00Z + 1d = Wed 09:00 EST → best Wed 16:00 EST). Alice's touch
    /// the next evening is touch 3: step 4 counts from it (Fri 16:30 EST, inside
    /// Friday's afternoon slot).
    @Test func autoAcknowledgeCountsAsTouchTwo() throws {
        let lines = Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.touch("2026-12-07T14:01:00Z", "L1", by: "alice"),
            Line.touch("2026-12-09T21:30:00Z", "L1", by: "alice"),
            Line.status("2026-12-11T22:00:00Z", "L1"),
        ]
        let out = try simulate(lines, rules: DefaultRules.make(autoAcknowledge: true))
        #expect(out.map(Seen.init) == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "L1", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:01:00Z", "touch.due", "L1", "alice", step: 2, deadline: "2026-12-08T14:00:00Z"),
            Seen("2026-12-08T14:00:00Z", "sla.breached", "L1", "alice", step: 2),
            Seen("2026-12-08T14:00:00Z", "sla.breached", "L1", "bob", step: 2),
            Seen("2026-12-08T14:00:00Z", "lead.acknowledgement", "L1", "l1@lead.test"),
            Seen("2026-12-09T21:00:00Z", "touch.due", "L1", "alice", step: 3, deadline: "2026-12-10T21:00:00Z"),
            Seen("2026-12-11T21:30:00Z", "touch.due", "L1", "alice", step: 4, deadline: "2026-12-12T21:30:00Z"),
        ])
        #expect(out.first { $0.kind == .leadAcknowledgement }?.id == "L1:lead.acknowledgement:0:1")

        // auto_acknowledge off (version 1's policy, no repeats): no acknowledgement; alice's
        // late touch is touch 2 and step 3 counts from it (Thu 16:30 EST, inside best); it is then missed.
        #expect(try run(lines, rules: DefaultRules.make(followThrough: .off)) == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "L1", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:01:00Z", "touch.due", "L1", "alice", step: 2, deadline: "2026-12-08T14:00:00Z"),
            Seen("2026-12-08T14:00:00Z", "sla.breached", "L1", "alice", step: 2),
            Seen("2026-12-08T14:00:00Z", "sla.breached", "L1", "bob", step: 2),
            Seen("2026-12-10T21:30:00Z", "touch.due", "L1", "alice", step: 3, deadline: "2026-12-11T21:30:00Z"),
            Seen("2026-12-11T21:30:00Z", "sla.breached", "L1", "alice", step: 3),
            Seen("2026-12-11T21:30:00Z", "sla.breached", "L1", "bob", step: 3),
        ])
    }

    // MARK: Who is told

    /// touch.due carries a reason only when it does not go to the owner.
    @Test func remindersCarryAReasonOnlyForABackup() throws {
        let out = try run(Line.standardReps() + [
            Line.rep("2026-12-07T13:00:00Z", "dave"),
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.touch("2026-12-07T14:01:00Z", "L1", by: "alice"),
            Line.capture("2026-12-07T14:05:00Z", "L2", owner: "alice"),
            Line.touch("2026-12-07T14:10:00Z", "L2", by: "alice"),
            Line.away("2026-12-07T14:10:00Z", "alice"),
            Line.capture("2026-12-07T14:20:00Z", "L3", owner: "dave"),
            Line.touch("2026-12-07T14:21:00Z", "L3", by: "dave"),
            Line.away("2026-12-07T14:21:00Z", "dave"),
            Line.status("2026-12-07T14:30:00Z", "L1"), Line.status("2026-12-07T14:30:00Z", "L2"), Line.status("2026-12-07T14:30:00Z", "L3"),
        ])
        #expect(out.filter { $0.kind == "touch.due" } == [
            Seen("2026-12-07T14:01:00Z", "touch.due", "L1", "alice", step: 2, deadline: "2026-12-08T14:00:00Z"),
            Seen("2026-12-07T14:10:00Z", "touch.due", "L2", "bob", step: 2, deadline: "2026-12-08T14:05:00Z", reason: "owner_unavailable"),
            Seen("2026-12-07T14:21:00Z", "touch.due", "L3", "dave", step: 2, deadline: "2026-12-08T14:20:00Z"),
        ])
    }

    /// A lead nobody could take (whole team away) sends what it sends to the fallback.
    @Test func anOwnerlessLeadTalksToTheFallback() throws {
        let out = try run([
            Line.rep("2026-12-07T13:00:00Z", "ann"),
            Line.away("2026-12-07T13:00:00Z", "ann"),
            Line.capture("2026-12-07T14:00:00Z", "U"),
            Line.touch("2026-12-07T14:30:00Z", "U", by: "ann"),
            Line.touch("2026-12-08T15:00:00Z", "U", by: "ann", "email", "sent"),
            Line.touch("2026-12-08T15:00:00Z", "U", by: "ann"),
            Line.touch("2026-12-08T15:00:00Z", "U", by: "ann"),
            Line.touch("2026-12-08T15:00:00Z", "U", by: "ann", "email", "sent"),
        ], until: "2027-01-07T15:00:00Z")
        #expect(out.map { "\($0.at) \($0.kind) \($0.to)" + ($0.step.map { " \($0)" } ?? "") } == [
            "2026-12-07T14:00:00Z lead.unrouted sales-manager",
            "2026-12-07T14:30:00Z touch.due sales-manager 2",
            "2026-12-08T14:00:00Z sla.breached sales-manager 2",
            "2027-01-07T15:00:00Z nurture.due sales-manager",
        ])
        #expect(out[1].deadline == "2026-12-08T14:00:00Z")
    }

    /// Owner away and nobody along the chain: lead.unrouted at once, no lead.assigned,
    /// and the lead keeps its nominal owner, who gets the reminders once a touch restarts the cadence.
    @Test func unroutedAtCaptureKeepsTheNominalOwner() throws {
        let out = try run([
            Line.rep("2026-12-07T13:00:00Z", "dave"),
            Line.away("2026-12-07T13:30:00Z", "dave", until: "2026-12-07T14:30:00Z"),
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "dave"),
            Line.touch("2026-12-07T15:00:00Z", "L1", by: "dave"),
            Line.status("2026-12-07T15:30:00Z", "L1"),
        ])
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.unrouted", "L1", "sales-manager"),
            Seen("2026-12-07T15:00:00Z", "touch.due", "L1", "dave", step: 2, deadline: "2026-12-08T14:00:00Z"),
        ])
    }

    /// Reading: "After lead.unrouted step 1 sends nothing more (the fallback owns
    /// the problem) until a touch is logged". A manager's reassignment is not a
    /// touch, so the reassigned lead gets its lead.assigned (manual, step 1, the
    /// unchanged 14:05 deadline) but no breach or escalation at 14:05.
    ///
    /// DISAGREEMENT (interpretation): the engine deliberately revives the step 1
    /// deadline on reassignment when it is still ahead (Engine+Touches.swift,
    /// `reassign`) and sends sla.breached + lead.unrouted at 14:05.
    @Test func reassignAfterUnroutedSendsNothingMoreUntilATouch() throws {
        let out = try run([
            Line.rep("2026-12-07T13:00:00Z", "ann"),
            Line.away("2026-12-07T13:00:00Z", "ann"),
            Line.capture("2026-12-07T14:00:00Z", "L1"),
            Line.back("2026-12-07T14:01:00Z", "ann"),
            Line.reassign("2026-12-07T14:02:00Z", "L1", to: "ann"),
            Line.status("2026-12-07T14:30:00Z", "L1"),
        ])
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.unrouted", "L1", "sales-manager"),
            Seen("2026-12-07T14:02:00Z", "lead.assigned", "L1", "ann", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "manual"),
        ])
    }

    // MARK: Capture details

    /// A score given at capture seeds the score and lifts at once: 30 → high (5 min), 12 → medium (1 h);
    /// an unqualified lead is never lifted.
    @Test func aSeededScoreLiftsAtCapture() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "S30", source: "trade_show", owner: "alice", extra: #","score":30"#),
            Line.capture("2026-12-07T14:00:00Z", "S12", source: "trade_show", owner: "bob", extra: #","score":12"#),
            Line.capture("2026-12-07T14:00:00Z", "S0", source: "trade_show", owner: "carol"),
            Line.capture("2026-12-07T14:00:00Z", "U99", owner: "carol", contact: false, extra: #","score":99"#),
            Line.status("2026-12-07T14:01:00Z", "S30"), Line.status("2026-12-07T14:01:00Z", "S12"),
            Line.status("2026-12-07T14:01:00Z", "S0"), Line.status("2026-12-07T14:01:00Z", "U99"),
        ])
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "S30", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "S12", "bob", step: 1, deadline: "2026-12-07T15:00:00Z", reason: "new"),
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "S0", "carol", step: 1, deadline: "2026-12-07T18:00:00Z", reason: "new"),
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "U99", "carol", reason: "new"),
        ])
    }

    /// Triage, first match wins: no email and no phone is unqualified even from a
    /// high source; company_size ≥ 1000 or need = current make any source high;
    /// unlisted sources are low.
    @Test(arguments: [
        (#","company_size":1000"#, "trade_show", "2026-12-07T14:05:00Z"),
        (#","company_size":999"#, "trade_show", "2026-12-07T18:00:00Z"),
        (#","need":"current""#, "referral", "2026-12-07T14:05:00Z"),
        (#","need":"new""#, "webinar", "2026-12-07T15:00:00Z"),
        ("", "cart", "2026-12-07T15:00:00Z"),
        ("", "demo_request", "2026-12-07T14:05:00Z"),
        ("", "carrier_pigeon", "2026-12-07T18:00:00Z"),
        (#","phone":"+1 555 0100""#, "info_request", "2026-12-07T14:05:00Z"),
    ])
    func triageGivesTheFirstTouchTime(extra: String, source: String, deadline: String) throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "T", source: source, owner: "alice", extra: extra),
            Line.status("2026-12-07T14:01:00Z", "T"),
        ])
        #expect(out == [Seen("2026-12-07T14:00:00Z", "lead.assigned", "T", "alice", step: 1, deadline: deadline, reason: "new")])
    }

    @Test func aLeadWithOnlyAPhoneIsQualified() throws {
        let out = try run(Line.standardReps() + [
            #"{"at":"2026-12-07T14:00:00Z","type":"lead.captured","lead":{"id":"P","source":"web_form","phone":"+1 555 0100","owner":"alice"}}"#,
            #"{"at":"2026-12-07T14:00:00Z","type":"lead.captured","lead":{"id":"N","source":"web_form","email":"","phone":" ","owner":"alice"}}"#,
            Line.status("2026-12-07T14:01:00Z", "P"), Line.status("2026-12-07T14:01:00Z", "N"),
        ])
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "P", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "N", "alice", reason: "new"),  // blank contact fields are missing
        ])
    }

    // MARK: Availability

    /// Both of alice's leads awaiting a first touch move at once, in capture order
    /// (Z1 before A2); alice's return triggers nothing.
    @Test func goingAwayHandsOffEveryOpenFirstStepInCaptureOrder() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "Z1", source: "newsletter", owner: "alice"),
            Line.capture("2026-12-07T14:10:00Z", "A2", source: "newsletter", owner: "alice"),
            Line.capture("2026-12-07T14:15:00Z", "M3", source: "newsletter", owner: "alice"),
            Line.touch("2026-12-07T14:16:00Z", "M3", by: "alice", "call", "connected"),
            Line.away("2026-12-07T14:20:00Z", "alice"),
            Line.back("2026-12-07T14:30:00Z", "alice"),
            Line.status("2026-12-07T14:40:00Z", "Z1"), Line.status("2026-12-07T14:40:00Z", "A2"),
        ])
        #expect(out.filter { $0.at >= "2026-12-07T14:20:00Z" } == [
            Seen("2026-12-07T14:20:00Z", "lead.assigned", "Z1", "bob", step: 1, deadline: "2026-12-07T15:20:00Z", reason: "owner_unavailable"),
            Seen("2026-12-07T14:20:00Z", "lead.assigned", "A2", "bob", step: 1, deadline: "2026-12-07T15:20:00Z", reason: "owner_unavailable"),
        ])
    }

    /// An away rep with `until` is available from that instant on: a breach exactly then escalates to them.
    @Test func untilIsInclusive() throws {
        let out = try run(Line.standardReps() + [
            Line.away("2026-12-07T13:00:00Z", "bob", until: "2026-12-07T14:05:00Z"),
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.status("2026-12-07T14:06:00Z", "L1"),
        ])
        #expect(out.last == Seen("2026-12-07T14:05:00Z", "lead.assigned", "L1", "bob", step: 1, deadline: "2026-12-07T14:10:00Z", reason: "escalated"))
    }

    /// A manager's new owner who then goes away hands the lead off like any owner
    /// (bob's chain: carol), with a fresh hour from 14:20.
    @Test func aReassignedOwnerGoingAwayHandsOff() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", source: "newsletter", owner: "alice"),
            Line.reassign("2026-12-07T14:10:00Z", "L1", to: "bob"),
            Line.away("2026-12-07T14:20:00Z", "bob"),
            Line.status("2026-12-07T14:30:00Z", "L1"),
        ])
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "L1", "alice", step: 1, deadline: "2026-12-07T15:00:00Z", reason: "new"),
            Seen("2026-12-07T14:10:00Z", "lead.assigned", "L1", "bob", step: 1, deadline: "2026-12-07T15:00:00Z", reason: "manual"),
            Seen("2026-12-07T14:20:00Z", "lead.assigned", "L1", "carol", step: 1, deadline: "2026-12-07T15:20:00Z", reason: "owner_unavailable"),
        ])
    }

    /// "Away until 14:00" said at 14:10 means available: no hand-off.
    @Test func awayWithAPastUntilIsNoHandOff() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", source: "newsletter", owner: "alice"),
            Line.away("2026-12-07T14:10:00Z", "alice", until: "2026-12-07T14:00:00Z"),
            Line.status("2026-12-07T14:30:00Z", "L1"),
        ])
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "L1", "alice", step: 1, deadline: "2026-12-07T15:00:00Z", reason: "new"),
        ])
    }

    /// Captured while alice is away: bob receives lead.assigned and so becomes the
    /// owner; the step 2 reminder is his, without a reason.
    @Test func theBackupWhoGetsALeadAtCaptureOwnsIt() throws {
        let out = try run(Line.standardReps() + [
            Line.away("2026-12-07T13:00:00Z", "alice"),
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.touch("2026-12-07T14:02:00Z", "L1", by: "bob"),
            Line.status("2026-12-07T14:30:00Z", "L1"),
        ])
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "L1", "bob", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "owner_unavailable"),
            Seen("2026-12-07T14:02:00Z", "touch.due", "L1", "bob", step: 2, deadline: "2026-12-08T14:00:00Z"),
        ])
    }

    // MARK: Round robin

    /// ann, ben, cat: R1 → ann; whole team away → R2 unrouted, pointer stays;
    /// back: R3 → ben; the unqualified R4 is routed like any lead → cat; dan
    /// joins last: R5 → dan; R6 wraps to ann.
    @Test func roundRobinPointer() throws {
        var lines = ["ann", "ben", "cat"].map { Line.rep("2026-12-07T13:00:00Z", $0) }
        // Each lead is closed a minute after capture, before any deadline.
        lines += [
            Line.capture("2026-12-07T14:00:00Z", "R1"), Line.status("2026-12-07T14:01:00Z", "R1"),
            Line.away("2026-12-07T14:10:00Z", "ann"), Line.away("2026-12-07T14:10:00Z", "ben"), Line.away("2026-12-07T14:10:00Z", "cat"),
            Line.capture("2026-12-07T14:15:00Z", "R2"), Line.status("2026-12-07T14:16:00Z", "R2"),
            Line.back("2026-12-07T14:20:00Z", "ann"), Line.back("2026-12-07T14:20:00Z", "ben"), Line.back("2026-12-07T14:20:00Z", "cat"),
            Line.capture("2026-12-07T14:25:00Z", "R3"), Line.status("2026-12-07T14:26:00Z", "R3"),
            Line.capture("2026-12-07T14:30:00Z", "R4", contact: false), Line.status("2026-12-07T14:31:00Z", "R4"),
            Line.rep("2026-12-07T14:35:00Z", "dan"),
            Line.capture("2026-12-07T14:40:00Z", "R5"), Line.status("2026-12-07T14:41:00Z", "R5"),
            Line.capture("2026-12-07T14:45:00Z", "R6"), Line.status("2026-12-07T14:46:00Z", "R6"),
        ]
        let out = try run(lines)
        #expect(out.filter { $0.kind == "lead.assigned" || $0.kind == "lead.unrouted" }.map { "\($0.lead) \($0.kind) \($0.to)" } == [
            "R1 lead.assigned ann", "R2 lead.unrouted sales-manager", "R3 lead.assigned ben",
            "R4 lead.assigned cat", "R5 lead.assigned dan", "R6 lead.assigned ann",
        ])
        // Every lead was closed before its deadline: nothing else at all.
        #expect(out.count == 6)
    }

    @Test func roundRobinSkipsAwayRepsAndKeepsThePointerWhenNobodyIsThere() {
        var team = TeamState()
        for id in ["ann", "ben", "cat"] { team.upsert(Rep(id: id, team: "sales")) }
        team.upsert(Rep(id: "zed", team: "support"))
        let now = at("2026-12-07T14:00:00Z")
        #expect(team.roster(of: "sales") == ["ann", "ben", "cat"])
        #expect(team.nextByRoundRobin(in: "sales", at: now) == "ann")
        team.members["ben"]?.availability = Availability(available: false, until: at("2026-12-07T15:00:00Z"))
        #expect(team.nextByRoundRobin(in: "sales", at: now) == "cat")
        #expect(team.nextByRoundRobin(in: "sales", at: now) == "ann")
        #expect(team.nextByRoundRobin(in: "sales", at: at("2026-12-07T15:00:00Z")) == "ben")  // back from that instant
        for id in ["ann", "ben", "cat"] { team.members[id]?.availability = Availability(available: false) }
        #expect(team.nextByRoundRobin(in: "sales", at: now) == nil)
        #expect(team.roundRobin["sales"] == "ben")
        #expect(team.nextByRoundRobin(in: "nobody", at: now) == nil)
        // Re-upserting keeps the roster position.
        team.upsert(Rep(id: "ann", name: "Ann B.", team: "sales"))
        #expect(team.roster(of: "sales") == ["ann", "ben", "cat"])
    }

    // MARK: Stopping

    @Test func aFinalStatusSilencesEverythingAfter() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.status("2026-12-07T14:01:00Z", "L1", "lost"),
            Line.touch("2026-12-07T14:02:00Z", "L1", by: "alice"),
            Line.activity("2026-12-07T14:03:00Z", "L1", "quote_requested"),
            Line.reassign("2026-12-07T14:04:00Z", "L1", to: "bob"),
            Line.away("2026-12-07T14:05:00Z", "alice"),
            Line.status("2026-12-07T14:06:00Z", "L1", "won"),
            Line.capture("2026-12-07T14:07:00Z", "L1", owner: "carol"),
        ], until: "2027-06-01T00:00:00Z")
        #expect(out == [Seen("2026-12-07T14:00:00Z", "lead.assigned", "L1", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new")])
    }

    /// An engaged lead gets no more steps and no nurture, whatever touches follow;
    /// version 2 checks in on it every 14 days from its last (not bounced) touch.
    @Test func engagementStopsTheCadenceForGood() throws {
        let lines = Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.touch("2026-12-07T14:01:00Z", "L1", by: "alice", "call", "connected"),
            Line.touch("2026-12-07T15:00:00Z", "L1", by: "alice", "email", "bounced"),
            Line.touch("2026-12-08T15:00:00Z", "L1", by: "alice"),
        ]
        let assigned = Seen("2026-12-07T14:00:00Z", "lead.assigned", "L1", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new")
        #expect(try run(lines, rules: DefaultRules.make(followThrough: .off), until: "2027-03-01T00:00:00Z") == [assigned])
        // 12-08 15:00 + 14d = Tue 12-22 10:00 EST (open), then every 14 days: Tuesdays, all open.
        #expect(try run(lines, until: "2027-03-01T00:00:00Z") == [assigned] + [
            "2026-12-22T15:00:00Z", "2027-01-05T15:00:00Z", "2027-01-19T15:00:00Z", "2027-02-02T15:00:00Z", "2027-02-16T15:00:00Z",
        ].map { Seen($0, "feedback.due", "L1", "alice") })
    }

    /// Step 5 missed: breach, and no nurture until touch 5 is logged.
    @Test func nurtureWaitsForTouchFive() throws {
        let four = (0..<4).map { _ in Line.touch("2026-12-07T14:01:00Z", "L1", by: "carol") }
        // Version 1's policy: the breach does not repeat (FollowThroughTests has version 2's).
        let out = try run(Line.standardReps() + [Line.capture("2026-12-07T14:00:00Z", "L1", owner: "carol")] + four + [
            Line.touch("2027-01-05T12:00:00Z", "L1", by: "carol", "email", "sent"),
        ], rules: DefaultRules.make(followThrough: .off), until: "2027-02-04T12:00:00Z")
        #expect(out.dropFirst() == [
            Seen("2026-12-11T14:01:00Z", "touch.due", "L1", "carol", step: 5, deadline: "2026-12-12T14:01:00Z"),
            Seen("2026-12-12T14:01:00Z", "sla.breached", "L1", "carol", step: 5),
            Seen("2027-02-04T12:00:00Z", "nurture.due", "L1", "carol"),
        ])
    }

    // MARK: Hostile numbers

    /// A score the decoder would refuse today may still be stored (written by
    /// an older version, or by hand): adding points holds it at Int.max
    /// instead of trapping, which once killed the daemon.
    @Test func anActivityOnAScoreOfIntMaxDoesNotTrap() throws {
        var sim = Simulation(rules: DefaultRules.make())
        var seen: [LeadNotification] = []
        let start = try #require(RFC3339.parse("2026-12-07T14:00:00Z"))
        for line in Line.standardReps() { try sim.apply(try EventDecoder.decode(line)) { seen += $0.notifications } }
        let lead = LeadProfile(id: "L1", source: "web_form", email: "l1@lead.test", owner: "alice", score: Int.max)
        try sim.apply(Event(at: start, body: .leadCaptured(lead))) { seen += $0.notifications }
        try sim.apply(Event(at: start + .minutes(1), body: .leadActivity(lead: "L1", action: "quote_requested"))) { seen += $0.notifications }
        #expect(sim.world.lead("L1")?.score == Int.max)
        let low = LeadProfile(id: "L2", source: "web_form", email: "l2@lead.test", owner: "alice", score: Int.min)
        try sim.apply(Event(at: start + .minutes(2), body: .leadCaptured(low))) { seen += $0.notifications }
        try sim.apply(Event(at: start + .minutes(3), body: .leadActivity(lead: "L2", action: "quote_requested"))) { seen += $0.notifications }
        #expect(sim.world.lead("L2")?.score == Int.min + 15)
        #expect(seen.map(\.kind).contains(.leadAssigned))
    }

    // MARK: Validation and the simulation clock

    @Test func invalidEventsAreRejectedAndNameTheField() throws {
        func rejection(_ lines: [String]) -> Diagnostic? {
            do { _ = try simulate(lines); return nil } catch let e as Diagnostic { return e } catch { return nil }
        }
        let reps = Line.standardReps()
        #expect(rejection(reps + [Line.touch("2026-12-07T14:00:00Z", "ghost", by: "alice")])?.field == "lead")
        #expect(rejection(reps + [Line.activity("2026-12-07T14:00:00Z", "ghost", "x")])?.field == "lead")
        #expect(rejection(reps + [Line.away("2026-12-07T14:00:00Z", "nobody")])?.field == "rep")
        #expect(rejection([Line.rep("2026-12-07T13:00:00Z", "system")])?.field == "rep.id")
        #expect(rejection(reps + [Line.capture("2026-12-07T14:00:00Z", "L1", extra: #","priority":"urgent""#)])?.field == "lead.priority")
        #expect(rejection(reps + [Line.capture("2026-12-07T14:00:00Z", "L1"), Line.capture("2026-12-07T13:59:59Z", "L2")])?.field == "at")
    }

    @Test func anEventEarlierThanAFiredTimerIsRejected() throws {
        var sim = Simulation(rules: DefaultRules.make())
        for line in Line.standardReps() + [Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice")] {
            try sim.apply(try EventDecoder.decode(line)) { _ in }
        }
        sim.run(until: at("2026-12-07T14:05:00Z")) { _ in }
        #expect(sim.now == at("2026-12-07T14:05:00Z"))
        #expect(throws: Diagnostic.self) { try sim.apply(try EventDecoder.decode(Line.status("2026-12-07T14:04:00Z", "L1"))) { _ in } }
    }

    @Test func aTimerExactlyAtUntilFires() throws {
        let lines = Line.standardReps() + [Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice")]
        #expect(try run(lines, until: "2026-12-07T14:05:00Z").count == 3)
        #expect(try run(lines, until: "2026-12-07T14:04:59Z").count == 1)
    }
}
