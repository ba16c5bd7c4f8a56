import Testing
@testable import FollowUpCore
@testable import FollowUpFormats
import FollowUpTestSupport

/// What a rules reload does to open leads (`Engine.replan`). Times are worked
/// out by hand: Monday 2026-12-07 14:00Z is 09:00 in New York (EST), inside
/// the office's 08:00–18:00.
@Suite struct ReplanTests {
    /// A simulation after `lines`, run to `until`.
    func world(_ lines: [String], until: String) throws -> Simulation {
        var sim = Simulation(rules: DefaultRules.make())
        for line in lines { try sim.apply(try EventDecoder.decode(line)) { _ in } }
        sim.run(until: at(until)) { _ in }
        return sim
    }

    /// The default rules with `tier`'s first touch changed.
    func rules(firstTouch: TimeSpan, for tier: String) -> Rules {
        var rules = DefaultRules.make()
        rules.priorities = rules.priorities.map { $0.name == tier ? PriorityTier(name: tier, firstTouch: firstTouch) : $0 }
        return rules
    }

    func lead(_ id: String, in sim: Simulation) throws -> LeadState { try #require(sim.world.lead(id)) }

    @Test func unchangedRulesMoveNothing() throws {
        let sim = try world(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "HOT", owner: "alice"),
            Line.capture("2026-12-07T14:00:00Z", "WARM", source: "newsletter", owner: "alice"),
            Line.capture("2026-12-07T14:00:00Z", "NOCONTACT", owner: "alice", contact: false),
            Line.capture("2026-12-07T14:00:00Z", "LIFTED", source: "newsletter", owner: "alice"),
            Line.capture("2026-12-07T14:00:00Z", "STEP3", owner: "alice"),
            Line.capture("2026-12-07T14:00:00Z", "LATE", owner: "bob"),
            Line.touch("2026-12-07T14:02:00Z", "STEP3", by: "alice"),
            Line.activity("2026-12-07T14:10:00Z", "LIFTED", "quote_requested"),
            Line.activity("2026-12-07T14:10:00Z", "LIFTED", "info_requested"),
            Line.touch("2026-12-07T15:00:00Z", "STEP3", by: "alice", "email", "sent"),
        ], until: "2026-12-07T14:20:00Z")
        let engine = Engine(rules: DefaultRules.make())
        for id in ["HOT", "WARM", "NOCONTACT", "LIFTED", "STEP3", "LATE"] {
            let before = try lead(id, in: sim)
            #expect(engine.replan(before, previous: DefaultRules.make()) == before, "\(id)")
        }
    }

    @Test func aLongerFirstTouchMovesAnOpenStep1Deadline() throws {
        let sim = try world(Line.standardReps() + [Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice")],
                            until: "2026-12-07T14:01:00Z")
        let before = try lead("L1", in: sim)
        #expect(before.step?.deadline == at("2026-12-07T14:05:00Z"))
        let after = Engine(rules: rules(firstTouch: .minutes(10), for: "high")).replan(before, previous: DefaultRules.make())
        #expect(after.step?.deadline == at("2026-12-07T14:10:00Z"))
        #expect(after.step?.openedAt == at("2026-12-07T14:00:00Z"))
        let moved = try #require(LeadReplan(before: before, after: after))
        #expect(moved.before.deadline == at("2026-12-07T14:05:00Z"))
        #expect(moved.after.deadline == at("2026-12-07T14:10:00Z"))
        #expect(moved.owner == "alice")
    }

    @Test func aFirstTouchCountsBusinessTimeFromWhenTheStepOpened() throws {
        // Captured 17:00 NY (22:00Z); 4 h of business time → 1 h today, 3 h tomorrow from 08:00: 11:00 NY = 16:00Z.
        let sim = try world(Line.standardReps() + [
            Line.capture("2026-12-07T22:00:00Z", "L1", source: "trade_show", owner: "alice"),
        ], until: "2026-12-07T22:01:00Z")
        let before = try lead("L1", in: sim)
        #expect(before.step?.deadline == at("2026-12-08T16:00:00Z"))
        // 2 h: 1 h today, 1 h tomorrow → 09:00 NY = 14:00Z.
        let after = Engine(rules: rules(firstTouch: .hours(2), for: "low")).replan(before, previous: DefaultRules.make())
        #expect(after.step?.deadline == at("2026-12-08T14:00:00Z"))
    }

    /// The default rules with step 2 (the confirmation) due an hour after the
    /// touch before and its deadline 48 h after capture.
    func slowerConfirmation() -> Rules {
        var rules = DefaultRules.make()
        rules.policies["default"]?.steps[1].due = TimeExpression(anchor: .previousTouch, offset: .wall(.hours(1)))
        rules.policies["default"]?.steps[1].deadline = TimeExpression(anchor: .capture, offset: .wall(.hours(48)))
        return rules
    }

    @Test func aSentReminderKeepsItsDueTimeWhileTheDeadlineMoves() throws {
        // Touched at 14:02: step 2 is due at once (touch.due sent) with its deadline 24 h after capture.
        let sim = try world(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.touch("2026-12-07T14:02:00Z", "L1", by: "alice"),
        ], until: "2026-12-07T14:30:00Z")
        let before = try lead("L1", in: sim)
        #expect(before.step?.number == 2)
        #expect(before.step?.dueNotified == true)
        #expect(before.step?.deadline == at("2026-12-08T14:00:00Z"))
        let after = Engine(rules: slowerConfirmation()).replan(before, previous: DefaultRules.make())
        #expect(after.step?.due == at("2026-12-07T14:02:00Z"), "the reminder went out: its time stays")
        #expect(after.step?.deadline == at("2026-12-09T14:00:00Z"))
    }

    @Test func aBreachedStepStaysAsItHappened() throws {
        let sim = try world(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice"),
            Line.touch("2026-12-07T14:02:00Z", "L1", by: "alice"),
        ], until: "2026-12-08T14:01:00Z")
        let breached = try lead("L1", in: sim)
        #expect(breached.step?.number == 2)
        #expect(breached.step?.breached == true)
        let after = Engine(rules: slowerConfirmation()).replan(breached, previous: DefaultRules.make())
        #expect(after == breached, "a breach that happened is not undone by a reload")
    }

    @Test func aDeadlineAScoreLiftMovedIsKept() throws {
        // Medium (1 h): deadline 15:00Z; 25 points at 14:10Z lift it to high: 14:15Z.
        let sim = try world(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", source: "newsletter", owner: "alice"),
            Line.activity("2026-12-07T14:10:00Z", "L1", "quote_requested"),
            Line.activity("2026-12-07T14:10:00Z", "L1", "info_requested"),
        ], until: "2026-12-07T14:11:00Z")
        let lifted = try lead("L1", in: sim)
        #expect(lifted.priority == "high")
        #expect(lifted.step?.deadline == at("2026-12-07T14:15:00Z"))
        let after = Engine(rules: rules(firstTouch: .minutes(7), for: "high")).replan(lifted, previous: DefaultRules.make())
        #expect(after.step?.deadline == at("2026-12-07T14:15:00Z"), "not what the old rules planned: kept")
    }

    @Test func nurtureMovesByTheChangeOfItsInterval() throws {
        let sim = try world(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "L1", owner: "alice", contact: false),
        ], until: "2026-12-07T14:01:00Z")
        let before = try lead("L1", in: sim)
        #expect(before.nurtureAt == at("2027-01-06T14:00:00Z"))
        var rules = DefaultRules.make()
        rules.policies["default"]?.nurtureEvery = .days(20)
        let after = Engine(rules: rules).replan(before, previous: DefaultRules.make())
        #expect(after.nurtureAt == at("2026-12-27T14:00:00Z"))
    }

    /// The walk the stores share: pages of any size give the report one page
    /// gives, hand back only the moved leads with their timers, and advance
    /// the page cursor to the last lead fed.
    @Test func aWalkInPagesReportsAsOnePageAndHandsBackOnlyWhatMoved() throws {
        let sim = try world(Line.standardReps() + [
            Line.capture("2026-12-07T14:00:00Z", "HOT1", owner: "alice"),
            Line.capture("2026-12-07T14:00:00Z", "WARM", source: "newsletter", owner: "alice"),
            Line.capture("2026-12-07T14:00:00Z", "HOT2", owner: "bob"),
            Line.capture("2026-12-07T14:00:00Z", "HOT3", owner: "alice"),
        ], until: "2026-12-07T14:01:00Z")
        let leads = sim.world.allLeads
        let engine = Engine(rules: rules(firstTouch: .minutes(10), for: "high"))
        var whole = ReplanWalk(engine: engine, previous: DefaultRules.make(), keep: 2)
        let moved = whole.replan(leads)
        #expect(moved.map(\.after.id) == ["HOT1", "HOT2", "HOT3"])
        #expect(moved.allSatisfy { $0.oldTimers == $0.before.timers && $0.newTimers == engine.replan($0.before, previous: DefaultRules.make()).timers })
        #expect(whole.report.examined == 4 && whole.report.movedCount == 3 && whole.report.moved.map(\.lead) == ["HOT1", "HOT2"])
        #expect(whole.after == leads.last?.seq)

        var paged = ReplanWalk(engine: engine, previous: DefaultRules.make(), keep: 2)
        var pages: [Int64] = []
        let report = paged.run(read: { after, _ in
            pages.append(after)
            return Array(leads.filter { $0.seq > after }.prefix(1))
        }, write: { _ in }, progress: {})
        #expect(report == whole.report)
        #expect(pages == [Int64.min] + leads.map(\.seq), "each page starts after the last lead of the one before")
    }
}
