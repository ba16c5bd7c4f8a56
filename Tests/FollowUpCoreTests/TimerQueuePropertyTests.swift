import FollowUpCore
import FollowUpTestSupport
import Testing

/// The in-memory world's timer queue keeps only each lead's earliest timer
/// and queues the next one when that fires (issue 12). Driven through random
/// captures, saves and pops, it must hand out exactly what a brute force over
/// every lead's ``LeadState/timers`` hands out.
@Suite struct TimerQueuePropertyTests {
    static let origin = at("2026-12-07T09:00:00Z")
    static let horizon = origin + .hours(5)

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func handsOutTimersInTheOrderABruteForceDoes(seed: UInt64) {
        var rng = SeededGenerator(seed: seed, salt: "timer queue")
        var world = MemoryWorld(team: TeamState())
        var model = TimerModel()
        var handedOut = 0
        for step in 0..<3_000 {
            let roll = Int.random(in: 0..<100, using: &rng)
            if roll < 12 || model.leads.isEmpty {
                let lead = Self.randomLead(id: "L\(model.leads.count)", seq: Int64(model.leads.count), &rng)
                world.save(lead)
                model.save(lead)
            } else if roll < 25 {
                // An unrelated save, taken first or not, changed or not.
                let id = model.order.randomElement(using: &rng)!
                let lead = Self.resave(id, world: &world, model: model, &rng)
                model.save(lead)
            } else if roll < 35 {
                #expect(world.nextTimer() == model.next, "seed \(seed) step \(step): nextTimer")
            } else {
                let limit = rng.instant(from: Self.origin, to: Self.horizon + .hours(1))
                let inclusive = Bool.random(using: &rng)
                let expected = model.next.flatMap { $0.at < limit || (inclusive && $0.at == limit) ? $0 : nil }
                let timer = world.takeTimer(dueBefore: limit, inclusive: inclusive)
                #expect(timer == expected, "seed \(seed) step \(step): takeTimer(dueBefore: \(limit), inclusive: \(inclusive))")
                guard timer == expected else { return }  // one divergence is enough: the rest would only echo it
                guard let timer else { continue }
                handedOut += 1
                model.fire(timer)
                // What the engine does with a fired timer's lead: saves it
                // changed or unchanged, or (a timer it ignores) never takes it.
                if Int.random(in: 0..<3, using: &rng) > 0 {
                    model.save(Self.resave(timer.lead, world: &world, model: model, &rng))
                }
            }
        }
        // Drain what is left, so every lead's last timers are checked too.
        while let expected = model.next {
            let timer = world.takeTimer(dueBefore: .distantFutureForTests, inclusive: true)
            #expect(timer == expected, "seed \(seed): draining")
            guard timer == expected else { return }
            model.fire(expected)
            handedOut += 1
            if Bool.random(using: &rng) {
                world.save(world.takeLead(expected.lead)!)
            }
        }
        #expect(world.takeTimer(dueBefore: .distantFutureForTests, inclusive: true) == nil)
        #expect(handedOut > 500, "the run fires enough timers to mean something (\(handedOut))")
    }

    @Test func aTakenLeadIsTheEnginesUntilItIsSaved() {
        var rng = SeededGenerator(seed: 99, salt: "taken lead")
        var world = MemoryWorld(team: TeamState())
        for n in 0..<20 { world.save(Self.randomLead(id: "L\(n)", seq: Int64(n), &rng)) }
        let untouched = world
        let original = world.lead("L7")
        let taken = world.takeLead("L7")
        #expect(taken == original)
        #expect(world.lead("L7") == nil, "the engine holds it: no one else reads a stand-in")
        #expect(world.hasLead("L7"))
        #expect(world.lead("L8") == untouched.lead("L8"))
        world.save(taken!)
        #expect(world.lead("L7") == original)
        Self.expectSame(world, untouched)
    }

    /// After a pop, saving the popped lead back unchanged and never saving it
    /// leave worlds that answer alike.
    @Test func savingAPoppedLeadBackUnchangedIsLikeNeverTakingIt() {
        var rng = SeededGenerator(seed: 7, salt: "popped lead")
        var saved = MemoryWorld(team: TeamState())
        for n in 0..<30 { saved.save(Self.randomLead(id: "L\(n)", seq: Int64(n), &rng)) }
        var untaken = saved
        for _ in 0..<10 {
            let a = saved.takeTimer(dueBefore: .distantFutureForTests, inclusive: true)
            let b = untaken.takeTimer(dueBefore: .distantFutureForTests, inclusive: true)
            #expect(a == b)
            guard let a else { break }
            saved.save(saved.takeLead(a.lead)!)
        }
        Self.expectSame(saved, untaken)
    }

    /// Compares two worlds by everything they answer, draining copies of
    /// their timer queues.
    static func expectSame(_ a: MemoryWorld, _ b: MemoryWorld) {
        #expect(a.allLeads == b.allLeads)
        for lead in b.allLeads { #expect(a.lead(lead.id) == b.lead(lead.id)) }
        var a = a, b = b
        #expect(a.leadsInCadence(of: "alice") == b.leadsInCadence(of: "alice"))
        #expect(a.leads(ownedBy: "alice") == b.leads(ownedBy: "alice"))
        var drained: [LeadTimer] = []
        while let timer = a.takeTimer(dueBefore: .distantFutureForTests, inclusive: true) {
            drained.append(timer)
            #expect(b.takeTimer(dueBefore: .distantFutureForTests, inclusive: true) == timer)
        }
        #expect(b.takeTimer(dueBefore: .distantFutureForTests, inclusive: true) == nil)
        #expect(!drained.isEmpty)
    }

    /// Saves lead `id` again, moved out with ``MemoryWorld/takeLead(_:)`` or
    /// saved over as a copy, unchanged or with a new random state.
    static func resave(_ id: LeadID, world: inout MemoryWorld, model: TimerModel,
                       _ rng: inout SeededGenerator) -> LeadState {
        let current = model.leads[id]!.state
        let lead = Bool.random(using: &rng)
            ? current : randomLead(id: id, seq: current.seq, capturedAt: current.capturedAt, &rng)
        if Bool.random(using: &rng) {
            let taken = world.takeLead(id)
            #expect(taken == current)
        }
        world.save(lead)
        return lead
    }

    /// A lead in one of the states that ask for timers, at times picked from
    /// a few hours on the minute so that leads and kinds tie often.
    static func randomLead(id: LeadID, seq: Int64, capturedAt: Instant = origin,
                           _ rng: inout SeededGenerator) -> LeadState {
        func time() -> Instant { origin + .minutes(Int64.random(in: 0..<300, using: &rng)) }
        func maybe() -> Instant? { Bool.random(using: &rng) ? time() : nil }
        var lead = LeadState(profile: LeadProfile(id: id, source: "web_form", email: "x@lead.test", owner: "alice"),
                             seq: seq, capturedAt: capturedAt, priority: "high", policy: "default",
                             triageRule: "high", score: 0, team: "sales", owner: "alice")
        let number = Int.random(in: 1...5, using: &rng)
        let due = time()
        let step = OpenStep(number: number, due: due, deadline: max(due, time()),
                            dueNotified: Bool.random(using: &rng), openedAt: capturedAt)
        switch Int.random(in: 0..<7, using: &rng) {
        case 0:
            lead.step = step
            lead.acceptBy = maybe()
            lead.nurtureAt = maybe()
        case 1:
            var breached = step
            breached.breached = true
            breached.repeatAt = maybe()
            breached.lastBreachAt = step.deadline
            lead.step = breached
            lead.nurtureAt = maybe()
        case 2:
            lead.step = step
            lead.snoozedUntil = time()
        case 3:
            lead.status = .engaged
            lead.checkInFrom = capturedAt
            lead.checkInAt = maybe()
        case 4:
            lead.status = .nurture
            lead.nurtureAt = time()
        case 5:
            lead.step = step
            lead.unrouted = true
            lead.acceptBy = maybe()
        default:
            lead.status = [.won, .lost].randomElement(using: &rng)!
        }
        return lead
    }
}

/// The brute force: every lead's current timers, less those that fired since
/// its timers last changed. (A change is a change of ``TimerSignature``, what
/// the world compares: equal signatures mean equal timers. The engine changes
/// a lead's state whenever one of its timers fires, so a timer that fired is
/// never asked for again in practice.)
struct TimerModel {
    var leads: [LeadID: (state: LeadState, fired: Set<LeadTimer>)] = [:]
    var order: [LeadID] = []

    mutating func save(_ lead: LeadState) {
        guard let old = leads[lead.id] else {
            order.append(lead.id)
            leads[lead.id] = (lead, [])
            return
        }
        let fired = old.state.timerSignature == lead.timerSignature ? old.fired : []
        leads[lead.id] = (lead, fired)
    }

    mutating func fire(_ timer: LeadTimer) {
        leads[timer.lead]!.fired.insert(timer)
    }

    var next: LeadTimer? {
        leads.values.flatMap { lead in lead.state.timers.filter { !lead.fired.contains($0) } }.min()
    }
}

extension Instant {
    static let distantFutureForTests = at("2100-01-01T00:00:00Z")
}
