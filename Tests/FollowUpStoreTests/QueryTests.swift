import Foundation
import Testing
import FollowUpCore
import FollowUpStore
import FollowUpTestSupport

/// Reading the store: pages, filters, worklists, batch checks, counts; the
/// SQLite store and the PostgreSQL one alike (``StorePlace``), and SQLite's
/// query plans.
@Suite struct QueryTests {
    let rules = DefaultRules.make()
    var engine: Engine { Engine(rules: rules) }

    /// alice owns L1 (open, step 1), L3 (touched once: step 2), L5 (won);
    /// bob owns L2 and L4 (step 1). Captured 20:00 (a Tuesday, office hours).
    func makeStore(_ dir: TempDirectory) async throws -> SQLiteLeadStore {
        let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        try await fill(store)
        return store
    }

    /// The same leads in a store of `placed`.
    func makeStore(_ placed: PlacedStore) async throws -> any InspectedStore {
        let store = try await placed.open()
        try await fill(store)
        return store
    }

    func fill(_ store: any LeadStore & LeadQueries) async throws {
        _ = try await StoreTimeline(store: store, rules: rules).apply([
            upsert("2026-11-24T19:00:00Z", "alice"),
            upsert("2026-11-24T19:00:00Z", "bob"),
            capture("2026-11-24T20:00:00Z", "L1", owner: "alice"),
            capture("2026-11-24T20:00:00Z", "L2", owner: "bob"),
            capture("2026-11-24T20:00:00Z", "L3", source: "trade_show", owner: "alice"),
            capture("2026-11-24T20:00:00Z", "L4", source: "newsletter", owner: "bob"),
            capture("2026-11-24T20:00:00Z", "L5", owner: "alice"),
            touch("2026-11-24T20:01:00Z", "L3", by: "alice"),
            event("2026-11-24T20:01:00Z", .leadStatus(lead: "L5", .won)),
        ])
    }

    @Test(arguments: StorePlace.allCases)
    func pagesWalkEveryLeadInCaptureOrder(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        let first = try await store.leads(LeadQuery(limit: 2))
        #expect(first.leads.map(\.id) == ["L1", "L2"])
        #expect(first.nextAfter == 1)
        let second = try await store.leads(LeadQuery(after: first.nextAfter, limit: 2))
        #expect(second.leads.map(\.id) == ["L3", "L4"])
        let last = try await store.leads(LeadQuery(after: second.nextAfter, limit: 2))
        #expect(last.leads.map(\.id) == ["L5"])
        #expect(last.nextAfter == nil)
        let exact = try await store.leads(LeadQuery(limit: 5))
        #expect(exact.leads.count == 5 && exact.nextAfter == nil)
        // Limits are clamped to 1…1000.
        #expect(try await store.leads(LeadQuery(limit: 0)).leads.map(\.id) == ["L1"])
        #expect(try await store.leads(LeadQuery(limit: 5_000)).leads.count == 5)
    }

    @Test(arguments: StorePlace.allCases)
    func filtersByOwnerStatusAndOverdue(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        #expect(try await store.leads(LeadQuery(owner: "alice")).leads.map(\.id) == ["L1", "L3", "L5"])
        #expect(try await store.leads(LeadQuery(status: .won)).leads.map(\.id) == ["L5"])
        #expect(try await store.leads(LeadQuery(owner: "alice", status: .open)).leads.map(\.id) == ["L1", "L3"])
        // Deadlines: L1, L2 at 20:05 (5m), L4 21:00 (1h), L3's step 2 the next day.
        #expect(try await store.leads(LeadQuery(overdueAt: at("2026-11-24T20:05:00Z"))).leads.isEmpty)
        #expect(try await store.leads(LeadQuery(overdueAt: at("2026-11-24T20:06:00Z"))).leads.map(\.id) == ["L1", "L2"])
        #expect(try await store.leads(LeadQuery(owner: "bob", overdueAt: at("2026-11-24T21:00:01Z"))).leads.map(\.id) == ["L2", "L4"])
        let paged = try await store.leads(LeadQuery(overdueAt: at("2026-11-24T21:00:01Z"), limit: 1))
        #expect(paged.leads.map(\.id) == ["L1"])
        #expect(try await store.leads(LeadQuery(overdueAt: at("2026-11-24T21:00:01Z"), after: paged.nextAfter, limit: 5)).leads.map(\.id) == ["L2", "L4"])
    }

    /// The SQL filter and the core's rule must name the same leads at every
    /// instant: at a deadline, just after it, and with a lead snoozed past its deadline.
    @Test(arguments: StorePlace.allCases)
    func theOverdueFilterIsTheCoresRule(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        _ = try await StoreTimeline(store: store, rules: rules).apply([
            event("2026-11-24T20:02:00Z", .leadSnoozed(Snooze(lead: "L2", until: at("2026-12-02T15:00:00Z")))),
        ])
        let everyLead = try await store.leads(LeadQuery(limit: 1_000)).leads
        for time in ["2026-11-24T20:05:00Z", "2026-11-24T20:05:01Z", "2026-11-24T21:00:00Z", "2026-11-24T21:00:01Z",
                     "2026-11-26T20:00:00Z"] {
            let now = at(time)
            let filtered = try await store.leads(LeadQuery(overdueAt: now, limit: 1_000)).leads.map(\.id)
            #expect(filtered == everyLead.filter { $0.isOverdue(at: now) }.map(\.id), "at \(time)")
        }
        #expect(try await store.leads(LeadQuery(overdueAt: at("2026-11-24T20:05:01Z"))).leads.map(\.id) == ["L1"],
                "L2 is snoozed past its 20:05 deadline")
    }

    @Test(arguments: StorePlace.allCases)
    func aRepsQueueSplitsDueFromLater(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        // L3's step 2 (confirmation) is due at its touch, 20:01; L1's step 1 at capture.
        let queue = try await store.queue(for: "alice", at: at("2026-11-24T20:00:30Z"))
        #expect(queue.now.map(\.id) == ["L1"])
        #expect(queue.next.map(\.id) == ["L3"])
        let later = try await store.queue(for: "alice", at: at("2026-11-24T20:02:00Z"))
        #expect(later.now.map(\.id) == ["L1", "L3"])  // by deadline: 20:05, then tomorrow
        #expect(later.next.isEmpty)
        let bob = try await store.queue(for: "bob", at: at("2026-11-24T20:02:00Z"))
        #expect(bob.now.map(\.id) == ["L2", "L4"])
        #expect(try await store.queue(for: "nobody", at: at("2026-11-24T20:02:00Z")).now.isEmpty)
    }

    @Test(arguments: StorePlace.allCases)
    func aSnoozedLeadIsListedByItsWakeUpNotAsDueOrOverdue(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        _ = try await StoreTimeline(store: store, rules: rules).apply([
            event("2026-11-24T20:02:00Z", .leadSnoozed(Snooze(lead: "L1", until: at("2026-12-14T15:00:00Z"), rep: "alice",
                                                              reason: "call back after the budget meeting"))),
            event("2026-11-24T20:02:00Z", .leadSnoozed(Snooze(lead: "L3", until: at("2026-12-01T15:00:00Z")))),
            event("2026-11-24T20:02:00Z", .leadSnoozed(Snooze(lead: "L2", until: at("2026-12-02T15:00:00Z")))),
        ])
        // Long past L1's step 1 deadline (20:05): snoozed, it is neither due nor overdue.
        let queue = try await store.queue(for: "alice", at: at("2026-11-25T20:00:00Z"))
        #expect(queue.now.isEmpty && queue.next.isEmpty)
        #expect(queue.snoozed.map(\.id) == ["L3", "L1"], "soonest wake-up first; L5 is won, bob's L2 is not alice's")
        #expect(queue.snoozed.last?.snoozeReason == "call back after the budget meeting")
        #expect(try await store.leads(LeadQuery(overdueAt: at("2026-11-25T20:00:00Z"))).leads.map(\.id) == ["L4"])
        #expect(try await store.queue(for: "bob", at: at("2026-11-25T20:00:00Z")).snoozed.map(\.id) == ["L2"])
        // Woken, L3's step 2 is back in the worklist and out of the snoozed list.
        _ = try await StoreTimeline(store: store, rules: rules).run(until: at("2026-12-01T15:00:00Z"))
        let woken = try await store.queue(for: "alice", at: at("2026-12-01T15:00:00Z"))
        #expect(woken.now.map(\.id) == ["L3"])
        #expect(woken.snoozed.map(\.id) == ["L1"])
    }

    @Test func theSnoozedListReadsTheSnoozedIndexInOrder() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await makeStore(dir)
        let plan = try await store.snoozedQueuePlan().joined(separator: "\n")
        #expect(plan.contains("SEARCH leads USING INDEX leads_snoozed (owner=?"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "the index gives the order: \(plan)")
    }

    @Test(arguments: StorePlace.allCases)
    func theRosterCountsEachRepsLeadsInCadence(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        _ = try await StoreTimeline(store: store, rules: rules).apply([
            upsert("2026-11-24T20:02:00Z", "carol"),
            event("2026-11-24T20:02:00Z", .leadSnoozed(Snooze(lead: "L2", until: at("2026-12-01T15:00:00Z")))),
        ])
        let roster = try await store.roster()
        #expect(roster.map(\.member.rep.id) == ["alice", "bob", "carol"], "roster order")
        // alice: L1 (step 1), L3 (step 2); L5 is won. bob: L2 (snoozed, still in cadence), L4. carol: none.
        #expect(roster.map(\.leadsInCadence) == [2, 2, 0])
    }

    @Test func theRosterLoadIsOneWalkOfTheCadenceIndex() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await makeStore(dir)
        let plan = try await store.rosterLoadPlan().joined(separator: "\n")
        #expect(plan.contains("INDEX leads_in_cadence"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "the index gives the grouping order: \(plan)")
    }

    @Test(arguments: StorePlace.allCases)
    func aBatchIsCheckedAgainstTheStoreAndItselfAndAppliesWholeOrNotAtAll(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        let bad = [capture("2026-11-24T21:00:00Z", "L10"), touch("2026-11-24T21:00:00Z", "L11", by: "alice")]
        await #expect(throws: EventBatchError(index: 1, error: Diagnostic(field: "lead", message: "unknown lead \"L11\""))) {
            try await store.advance(through: bad, source: "test", receivedAt: at("2026-11-24T21:00:00Z"), engine: engine)
        }
        #expect(try await store.lead("L10") == nil)  // nothing was applied
        let unknownRep = [event("2026-11-24T21:00:00Z", .repAvailability(rep: "dave", Availability(available: true)))]
        await #expect(throws: EventBatchError.self) {
            try await store.advance(through: unknownRep, source: "test", receivedAt: at("2026-11-24T21:00:00Z"), engine: engine)
        }
        // Leads and reps named by earlier events of the same batch are known.
        let good: [Event] = [
            upsert("2026-11-24T21:00:00Z", "carol"),
            event("2026-11-24T21:00:00Z", .repAvailability(rep: "carol", Availability(available: false))),
            capture("2026-11-24T21:00:00Z", "L9"),
            touch("2026-11-24T21:00:00Z", "L9", by: "carol"),
            touch("2026-11-24T21:00:00Z", "L1", by: "alice"),
        ]
        let batch = try await store.advance(through: good, source: "test", receivedAt: at("2026-11-24T21:00:00Z"), engine: engine)
        #expect(batch.events.count == 5)
        #expect(try await store.lead("L9") != nil)
        #expect(try await store.rep("carol") != nil)
    }

    @Test(arguments: StorePlace.allCases)
    func statisticsCountWhatIsStored(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        let stats = try await store.statistics()
        #expect(stats.events == 9)
        #expect(stats.leadsByStatus == [.open: 4, .won: 1])
        #expect(stats.openLeads == 4)
        // L1, L2 and L4 have a step 1 deadline; L3 a step 2 reminder and deadline.
        #expect(stats.pendingTimers == 5)
        #expect(stats.nextTimerAt == at("2026-11-24T20:01:00Z"))
        #expect(stats.outboxByState == [.pending: 10])
    }

    @Test(arguments: StorePlace.allCases)
    func aLeadsRecordHasItsEventsAndOnlyItsNotifications(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await placed.open()
        // "L1:x" would share the id prefix "L1:" with L1's notifications.
        _ = try await StoreTimeline(store: store, rules: rules).apply([
            upsert("2026-11-24T19:00:00Z", "alice"),
            capture("2026-11-24T20:00:00Z", "L1", owner: "alice"),
            capture("2026-11-24T20:00:00Z", "L1:x", owner: "alice"),
            event("2026-11-24T20:00:10Z", .leadActivity(lead: "L1", action: "pdf_download")),
            touch("2026-11-24T20:01:00Z", "L1", by: "alice", .connected),
        ])
        let record = try #require(try await store.lead("L1"))
        #expect(record.events.map(\.event.type) == ["lead.captured", "lead.activity", "touch.logged"])
        #expect(record.events.map(\.seq) == [2, 4, 5])
        #expect(record.notifications.count == 2)
        #expect(Set(record.notifications.map(\.notification.lead)) == ["L1"])
        #expect(record.state.status == .engaged)
        // An engaged lead's one timer is its check-in, 14 days after the touch.
        #expect(record.timers.map(\.kind) == [.checkIn])
        #expect(try await store.lead("L1:x")?.notifications.count == 2)
    }
}
