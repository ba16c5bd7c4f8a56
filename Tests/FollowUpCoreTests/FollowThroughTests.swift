import Testing
@testable import FollowUpCore
@testable import FollowUpFormats
import FollowUpTestSupport

/// DESIGN.md version 2's follow-through with the shipped values (max_snooze
/// 90 days, breach_repeat 1d, reassign_after_breaches 2, check_in_every 14d,
/// hot_at 10, acknowledge_when_closed): snoozes, breaches that repeat and
/// move, check-ins, hot signals, the after-hours acknowledgement and bounced
/// touches. Worked out by hand (EST = UTC−5; Monday 2026-12-07 14:00Z is 09:00 in New York).
@Suite struct FollowThroughTests {
    func run(_ lines: [String], rules: Rules = DefaultRules.make(), until: String) throws -> [Seen] {
        try simulate(lines, rules: rules, until: until).map(Seen.init)
    }

    static func snooze(_ at: String, _ lead: String, until: String) -> String {
        #"{"at":"\#(at)","type":"lead.snoozed","lead":"\#(lead)","until":"\#(until)","rep":"alice"}"#
    }

    /// A snoozed confirmation wakes due at once (deadline: the later of capture + 24h and
    /// wake + 1h), is breached, repeats a day later, moves to the backup at the second
    /// breach with its one-hour window afresh, and so on down the chain until nobody is left.
    @Test func aSnoozedStepWakesThenRepeatsAndMovesDownTheChain() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.touch("2026-12-07T14:01:00Z", "L1", by: "alice"),
            Self.snooze("2026-12-07T15:00:00Z", "L1", until: "2026-12-10T15:00:00Z"),
            // A bounce reached nobody: it does not end the snooze, nor count.
            Line.touch("2026-12-08T10:00:00Z", "L1", by: "alice", "email", "bounced"),
        ], until: "2026-12-20T00:00:00Z")
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "L1", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-07T14:01:00Z", "touch.due", "L1", "alice", step: 2, deadline: "2026-12-08T14:00:00Z"),
            Seen("2026-12-10T15:00:00Z", "touch.due", "L1", "alice", step: 2, deadline: "2026-12-10T16:00:00Z", reason: "snooze_ended"),
            Seen("2026-12-10T16:00:00Z", "sla.breached", "L1", "alice", step: 2),
            Seen("2026-12-10T16:00:00Z", "sla.breached", "L1", "bob", step: 2),
            Seen("2026-12-11T16:00:00Z", "sla.breached", "L1", "alice", step: 2),
            Seen("2026-12-11T16:00:00Z", "sla.breached", "L1", "bob", step: 2),
            Seen("2026-12-11T16:00:00Z", "lead.assigned", "L1", "bob", step: 2, deadline: "2026-12-11T17:00:00Z", reason: "escalated"),
            // bob's first breach comes at the fresh deadline, outside nothing; his repeat at the next open instant.
            Seen("2026-12-11T17:00:00Z", "sla.breached", "L1", "bob", step: 2),
            Seen("2026-12-11T17:00:00Z", "sla.breached", "L1", "carol", step: 2),
            Seen("2026-12-14T13:00:00Z", "sla.breached", "L1", "bob", step: 2),
            Seen("2026-12-14T13:00:00Z", "sla.breached", "L1", "carol", step: 2),
            Seen("2026-12-14T13:00:00Z", "lead.assigned", "L1", "carol", step: 2, deadline: "2026-12-14T14:00:00Z", reason: "escalated"),
            Seen("2026-12-14T14:00:00Z", "sla.breached", "L1", "carol", step: 2),
            Seen("2026-12-15T14:00:00Z", "sla.breached", "L1", "carol", step: 2),
            Seen("2026-12-15T14:00:00Z", "lead.unrouted", "L1", "sales-manager"),
        ])
        let ids = try simulate(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.touch("2026-12-07T14:01:00Z", "L1", by: "alice"),
        ], until: "2026-12-09T14:00:00Z").filter { $0.kind == .slaBreached }.map(\.id)
        // N counts every breach notice of the step, the backup's copies included.
        #expect(ids == ["L1:sla.breached:2:1", "L1:sla.breached:2:2", "L1:sla.breached:2:3", "L1:sla.breached:2:4"])
    }

    /// A reassignment keeps the snooze (its lead.assigned carries no step); a touch ends
    /// it and counts; a snooze of a final lead changes nothing.
    @Test func aTouchEndsASnoozeAndAReassignmentKeepsIt() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L2", owner: "alice"),
            Self.snooze("2026-12-07T14:02:00Z", "L2", until: "2026-12-21T14:00:00Z"),
            Line.reassign("2026-12-08T14:00:00Z", "L2", to: "bob"),
            Line.touch("2026-12-09T14:00:00Z", "L2", by: "bob"),
            Line.status("2026-12-09T14:30:00Z", "L2"),
            Self.snooze("2026-12-09T15:00:00Z", "L2", until: "2026-12-10T15:00:00Z"),
        ], until: "2027-01-31T00:00:00Z")
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "L2", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-08T14:00:00Z", "lead.assigned", "L2", "bob", reason: "manual"),
            Seen("2026-12-09T14:00:00Z", "touch.due", "L2", "bob", step: 2, deadline: "2026-12-09T15:00:00Z"),
        ])
    }

    @Test func aSnoozeLongerThanMaxSnoozeIsRefusedNamingUntil() throws {
        let lines = Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L3", owner: "alice"),
            Self.snooze("2026-12-07T15:00:00Z", "L3", until: "2027-03-08T15:00:01Z"),  // 90 days and a second
        ]
        #expect(throws: Diagnostic.self) { try simulate(lines, until: "2026-12-08T00:00:00Z") }
        do { _ = try simulate(lines, until: "2026-12-08T00:00:00Z") } catch { #expect((error as? Diagnostic)?.field == "until", "\(error)") }
        // Exactly 90 days is allowed; without a limit (version 1 rules) so is more.
        var ninety = lines
        ninety[ninety.count - 1] = Self.snooze("2026-12-07T15:00:00Z", "L3", until: "2027-03-07T15:00:00Z")
        #expect(throws: Never.self) { try simulate(ninety, until: "2026-12-08T00:00:00Z") }
        #expect(throws: Never.self) { try simulate(lines, rules: DefaultRules.make(followThrough: .off), until: "2026-12-08T00:00:00Z") }
    }

    /// Step 1 waking while its owner is away is handed off (no touch.due to the owner);
    /// the snoozed lead was not handed off when the owner left.
    @Test func stepOneWakingWhileTheOwnerIsAwayIsHandedOff() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "W1", owner: "alice"),
            Self.snooze("2026-12-07T14:01:00Z", "W1", until: "2026-12-09T15:00:00Z"),
            Line.away("2026-12-08T14:00:00Z", "alice"),
        ], until: "2026-12-09T15:06:00Z")
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "W1", "alice", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-09T15:00:00Z", "lead.assigned", "W1", "bob", step: 1, deadline: "2026-12-09T15:05:00Z", reason: "owner_unavailable"),
            Seen("2026-12-09T15:05:00Z", "sla.breached", "W1", "bob", step: 1),
            Seen("2026-12-09T15:05:00Z", "lead.assigned", "W1", "carol", step: 1, deadline: "2026-12-09T15:10:00Z", reason: "escalated"),
        ])
    }

    /// An unqualified lead is in nurture: it wakes with nurture.due and its clock restarts.
    @Test func aLeadInNurtureWakesWithNurtureDue() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "U1", owner: "alice", contact: false),
            Self.snooze("2026-12-08T14:00:00Z", "U1", until: "2026-12-20T14:00:00Z"),
        ], until: "2027-01-20T00:00:00Z")
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "U1", "alice", reason: "new"),
            Seen("2026-12-20T14:00:00Z", "nurture.due", "U1", "alice"),
            Seen("2027-01-19T14:00:00Z", "nurture.due", "U1", "alice"),
        ])
    }

    /// An engaged lead waking with its owner away and nobody to stand in: the owner
    /// hears it (snooze_ended); the check-in clock restarts from the wake.
    @Test func anEngagedLeadWakesAndItsCheckInsRestart() throws {
        let out = try run(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "E1", owner: "carol"),
            Line.touch("2026-12-07T14:01:00Z", "E1", by: "carol", "call", "connected"),
            Self.snooze("2026-12-08T14:00:00Z", "E1", until: "2026-12-10T15:00:00Z"),
            Line.away("2026-12-09T14:00:00Z", "carol"),
        ], until: "2026-12-25T00:00:00Z")
        #expect(out == [
            Seen("2026-12-07T14:00:00Z", "lead.assigned", "E1", "carol", step: 1, deadline: "2026-12-07T14:05:00Z", reason: "new"),
            Seen("2026-12-10T15:00:00Z", "touch.due", "E1", "carol", reason: "snooze_ended"),
            Seen("2026-12-24T15:00:00Z", "feedback.due", "E1", "carol"),
        ])
    }

    /// lead.hot: not while step 1 is open (its lift is its signal), not below hot_at;
    /// to the first available backup while the owner is away.
    @Test func hotSignalsReachWhoeverCanCallNow() throws {
        let notifications = try simulate(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "H1", owner: "alice"),
            Line.activity("2026-12-07T14:01:00Z", "H1", "quote_requested"),
            Line.touch("2026-12-07T14:02:00Z", "H1", by: "alice", "call", "connected"),
            Line.activity("2026-12-07T15:00:00Z", "H1", "info_requested"),
            Line.activity("2026-12-07T15:10:00Z", "H1", "pdf_download"),
            Line.away("2026-12-07T15:30:00Z", "alice"),
            Line.activity("2026-12-07T16:00:00Z", "H1", "quote_requested"),
        ], until: "2026-12-10T00:00:00Z")
        let hot = notifications.filter { $0.kind == .leadHot }
        #expect(hot.map(Seen.init) == [
            Seen("2026-12-07T15:00:00Z", "lead.hot", "H1", "alice"),
            Seen("2026-12-07T16:00:00Z", "lead.hot", "H1", "bob", reason: "owner_unavailable"),
        ])
        #expect(hot.map(\.action) == ["info_requested", "quote_requested"])
        #expect(hot.map(\.score) == [25, 45])
        #expect(hot.map(\.id) == ["H1:lead.hot:0:1", "H1:lead.hot:0:2"])
        #expect(hot.allSatisfy { $0.jsonLine.contains(#""action":"# ) && $0.step == nil && $0.channel == nil })
    }

    /// After hours (the calendar closed), a qualified lead with an email is acknowledged at
    /// capture, after its lead.assigned; unqualified leads and open hours get nothing.
    @Test func leadsCapturedWhileNobodyCanCallAreAcknowledged() throws {
        let out = try simulate(Line.standardReps() + [
            Line.capture("2026-12-12T15:00:00Z", "A1", owner: "alice"),                  // Saturday
            Line.capture("2026-12-12T15:00:00Z", "A2", owner: "alice", contact: false),  // unqualified
            Line.capture("2026-12-14T13:00:00Z", "A3", owner: "alice"),                  // Monday 08:00, open
            Line.capture("2026-12-14T22:59:59Z", "A4", owner: "alice"),                  // 17:59:59, open
            Line.capture("2026-12-14T23:00:00Z", "A5", owner: "alice"),                  // 18:00, closed
        ], until: "2026-12-14T23:00:00Z")
        #expect(out.filter { $0.kind == .leadAcknowledgement }.map { "\($0.lead) \($0.to)" } == ["A1 a1@lead.test", "A5 a5@lead.test"])
        #expect(out.prefix(2).map(\.kind) == [.leadAssigned, .leadAcknowledgement])
        #expect(try simulate(Line.standardReps() + [Line.capture("2026-12-12T15:00:00Z", "A1", owner: "alice")],
                             rules: DefaultRules.make(followThrough: .off), until: "2026-12-12T15:00:00Z").map(\.kind) == [.leadAssigned])
    }

    /// Every notification that carries a step carries the step's channel.
    @Test func stepNotificationsCarryTheirChannel() throws {
        let out = try simulate(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "C1", owner: "alice"),
            Line.touch("2026-12-07T14:01:00Z", "C1", by: "alice"),
            Line.touch("2026-12-07T14:02:00Z", "C1", by: "alice", "email", "sent"),
        ], until: "2026-12-11T00:00:00Z")
        #expect(out.map { "\($0.kind.rawValue) \($0.step.map(String.init) ?? "-") \($0.channel?.rawValue ?? "-")" } == [
            "lead.assigned 1 call", "touch.due 2 email", "touch.due 3 call", "sla.breached 3 call", "sla.breached 3 call",
        ])
    }

    /// A reload re-plans repeats from the last breach: a shorter breach_repeat moves
    /// the pending repeat, none cancels it; check-ins likewise from the last touch.
    @Test func aReloadMovesOrCancelsPendingRepeatsAndCheckIns() throws {
        var sim = Simulation(rules: DefaultRules.make())
        for line in Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "R1", owner: "alice"),
            Line.capture("2026-12-07T14:00:00Z", "R2", owner: "bob"),
            Line.touch("2026-12-07T14:01:00Z", "R1", by: "alice"),
            Line.touch("2026-12-07T14:03:00Z", "R2", by: "bob", "call", "connected"),
        ] { try sim.apply(try EventDecoder.decode(line)) { _ in } }
        sim.run(until: at("2026-12-08T14:00:00Z")) { _ in }  // R1's step 2 is breached now
        let r1 = try #require(sim.world.lead("R1")), r2 = try #require(sim.world.lead("R2"))
        #expect(r1.timers.map(\.kind) == [.repeatBreach(step: 2)])
        #expect(r1.timers.map(\.at) == [at("2026-12-09T14:00:00Z")])
        #expect(r2.timers.map(\.at) == [at("2026-12-21T14:03:00Z")])

        var faster = FollowThrough.shipped
        faster.breachRepeat = .hours(2)
        faster.checkInEvery = .days(7)
        let moved = Engine(rules: DefaultRules.make(followThrough: faster))
        #expect(moved.replan(r1, previous: sim.engine.rules).timers.map(\.at) == [at("2026-12-08T16:00:00Z")])
        #expect(moved.replan(r2, previous: sim.engine.rules).timers.map(\.at) == [at("2026-12-14T14:03:00Z")])
        let off = Engine(rules: DefaultRules.make(followThrough: .off))
        #expect(off.replan(r1, previous: sim.engine.rules).timers.isEmpty)
        #expect(off.replan(r2, previous: sim.engine.rules).timers.isEmpty)
        // Unchanged rules change nothing.
        #expect(sim.engine.replan(r1, previous: sim.engine.rules) == r1)
        #expect(sim.engine.replan(r2, previous: sim.engine.rules) == r2)
    }
}
