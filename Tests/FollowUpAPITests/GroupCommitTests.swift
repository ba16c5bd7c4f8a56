import FollowUpCore
import FollowUpDaemon
import FollowUpStore
import FollowUpTestSupport
import Foundation
import Logging
import Testing

/// Group commit (issue 16): the real ``Timeline`` over a real SQLite file.
/// Requests that wait while a transaction runs share the next one; each is
/// acknowledged after that commit, and the result is what running them one
/// after the other gives.
@Suite("Ingest group commit")
struct GroupCommitTests {
    @Test("requests that wait behind a transaction commit together in the next one, in arrival order")
    func waitingRequestsShareATransaction() async throws {
        try await withServerThreads {
            let rig = try await IngestRig()
            defer { rig.remove() }
            let lock = try await rig.holdTimeline()
            var submitted: [Task<[AcceptedEvent], any Error>] = []
            try await lock.whileHeld {
                for request in 0..<5 {
                    let events = (0..<3).map { rig.capture("R\(request)-\($0)") }
                    submitted.append(rig.submitting(events))
                    try await rig.waitUntil(waiting: request + 1)
                }
            }
            var seqs: [Int64] = []
            for task in submitted { seqs += try await task.value.map(\.seq) }
            #expect(seqs == Array(1...15))  // arrival order, each request's events together
            #expect(rig.groups() == Groups(transactions: 1, requests: 5))
            for request in 0..<5 {
                for lead in 0..<3 { #expect(try await rig.store.lead("R\(request)-\(lead)") != nil) }
            }
            #expect(try await rig.store.statistics().events == 15)
        }
    }

    @Test("a group stops growing at 5,000 events: the rest wait for the next transaction")
    func groupsAreBounded() async throws {
        try await withServerThreads {
            let rig = try await IngestRig()
            defer { rig.remove() }
            let lock = try await rig.holdTimeline()
            var submitted: [Task<[AcceptedEvent], any Error>] = []
            try await lock.whileHeld {
                for request in 0..<3 {
                    let events = (0..<2_000).map { rig.capture("R\(request)-\($0)", reachable: false) }
                    submitted.append(rig.submitting(events))
                    try await rig.waitUntil(waiting: request + 1)
                }
            }
            for task in submitted { _ = try await task.value }
            // 2,000 + 2,000 fit; a third request would make 6,000.
            #expect(rig.groups() == Groups(transactions: 2, requests: 3))
            #expect(try await rig.store.statistics().events == 6_000)
        }
    }

    @Test("a request with a bad event fails alone, with its own error; the others in its group commit")
    func badRequestFailsAlone() async throws {
        try await withServerThreads {
            let rig = try await IngestRig()
            defer { rig.remove() }
            let lock = try await rig.holdTimeline()
            let bodies: [[PendingEvent]] = [
                [rig.capture("A1"), rig.capture("A2")],
                [rig.capture("BAD1"), rig.touch("NOBODY")],  // event 1 names an unknown lead
                [rig.capture("C1")],
            ]
            var submitted: [Task<[AcceptedEvent], any Error>] = []
            try await lock.whileHeld {
                for (index, events) in bodies.enumerated() {
                    submitted.append(rig.submitting(events))
                    try await rig.waitUntil(waiting: index + 1)
                }
            }
            let first = try await submitted[0].value
            let third = try await submitted[2].value
            await #expect(throws: EventBatchError(index: 1, error: Diagnostic(field: "lead", message: "unknown lead \"NOBODY\""))) {
                try await submitted[1].value
            }
            #expect(first.map(\.seq) == [1, 2])
            #expect(third.map(\.seq) == [3])
            #expect(try await rig.store.lead("A1") != nil)
            #expect(try await rig.store.lead("C1") != nil)
            #expect(try await rig.store.lead("BAD1") == nil)  // nothing of the bad request is written
            #expect(try await rig.store.statistics().events == 3)
            // The group rolled back whole, then each request ran alone: two commits.
            #expect(rig.groups() == Groups(transactions: 2, requests: 2))
            // The timeline carries on grouping after a failed group.
            _ = try await rig.timeline.submit([rig.capture("D1")], source: "test")
            #expect(try await rig.store.lead("D1") != nil)
        }
    }

    @Test("a request cancelled while it leads its group (its client hung up) does not fail the others in the group")
    func cancelledLeaderDoesNotFailTheGroup() async throws {
        try await withServerThreads {
            let rig = try await IngestRig()
            defer { rig.remove() }
            let lock = try await rig.holdTimeline()
            var submitted: [Task<[AcceptedEvent], any Error>] = []
            try await lock.whileHeld {
                for (index, lead) in ["A1", "B1"].enumerated() {
                    let events = [rig.capture(lead)]
                    submitted.append(rig.submitting(events))
                    try await rig.waitUntil(waiting: index + 1)
                }
                submitted[0].cancel()  // the leader: it commits the group for both
            }
            // The leader's client is gone: its request fails as a cancelled one did before; the other is written.
            await #expect(throws: CancellationError.self) { try await submitted[0].value }
            #expect(try await submitted[1].value.map(\.seq) == [1])
            #expect(try await rig.store.lead("B1") != nil)
            #expect(try await rig.store.lead("A1") == nil)
        }
    }

    @Test("concurrent streams of requests: fewer transactions than requests, every acknowledged event stored, the result of running them in log order", arguments: [1, 2] as [UInt64])
    func concurrentStreamsEqualSerialExecution(seed: UInt64) async throws {
        try await withServerThreads {
            let rig = try await IngestRig()
            defer { rig.remove() }
            let streams = (0..<4).map { IngestStream(number: $0, seed: seed &* 31 &+ UInt64($0), requests: 25, start: rig.start) }
            let acknowledged = try await withThrowingTaskGroup(of: [(PendingEvent, AcceptedEvent)].self) { group in
                for stream in streams {
                    group.addTask {
                        var done: [(PendingEvent, AcceptedEvent)] = []
                        for request in stream.requests {
                            // One request at a time per stream, as a client on one connection sends them.
                            let accepted = try await rig.timeline.submit(request, source: "stream")
                            #expect(accepted.count == request.count)
                            // A request's events are contiguous in the log.
                            #expect(accepted.map(\.seq) == Array(accepted[0].seq..<accepted[0].seq + Int64(request.count)))
                            done += zip(request, accepted).map { ($0, $1) }
                        }
                        return done
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }.sorted { $0.1.seq < $1.1.seq }

            let total = streams.reduce(0) { $0 + $1.requests.reduce(0) { $0 + $1.count } }
            #expect(acknowledged.map(\.1.seq) == Array(1...Int64(total)))
            let groups = rig.groups()
            #expect(groups.requests == 100)
            #expect(groups.transactions < 100, "concurrent requests were never grouped")

            // Serial execution in the order the log gives, each event at the instant the daemon applied it.
            var simulation = Simulation(rules: rig.rules)
            var expected: [LeadNotification] = []
            for (pending, accepted) in acknowledged {
                var event = pending.event
                event.at = accepted.appliedAt
                try simulation.apply(event, appendingTo: &expected)
            }
            #expect(try await rig.store.statistics().events == total)
            var stored: [LeadNotification] = []
            for lead in simulation.world.allLeads {
                let record = try #require(try await rig.store.lead(lead.id))
                #expect(record.state == lead)
                stored += record.notifications.map(\.notification)
            }
            #expect(Set(stored) == Set(expected))
            #expect(stored.count == expected.count)
        }
    }
}

/// What `followupd_ingest_group_size` counted.
struct Groups: Equatable {
    var transactions: Int
    var requests: Int
}

/// A timeline on a fresh SQLite file, with the default rules, two reps and a manual clock.
struct IngestRig: Sendable {
    let directory: String
    let start = at("2026-11-24T15:00:00Z")
    let rules = DefaultRules.make(roster: [
        Rep(id: "r0", name: "R0", team: "sales", backup: "r1"),
        Rep(id: "r1", name: "R1", team: "sales", backup: "r0"),
    ])
    let store: SQLiteLeadStore
    let metrics = DaemonMetrics()
    let timeline: Timeline

    init() async throws {
        directory = "/tmp/fgc-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try SQLiteLeadStore(path: "\(directory)/state.sqlite", durability: .full, receivers: { _ in ["log"] })
        try await store.seedRoster(rules.roster)
        var logger = Logger(label: "followupd.group-commit.test")
        logger.logLevel = .warning
        // A day after the streams' events begin: every event is in the past, many arrive late.
        timeline = try await Timeline(store: store, engine: Engine(rules: rules), clock: ManualClock(start: start + .days(30)),
                                      delivery: Wakeup(), metrics: metrics, logger: logger)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A capture at the daemon's now; without a way to reach the lead it is unqualified (no cadence: cheap).
    func capture(_ lead: LeadID, reachable: Bool = true) -> PendingEvent {
        let profile = LeadProfile(id: lead, source: "web_form", email: reachable ? "\(lead)@example.test" : nil)
        return PendingEvent(event: Event(at: start, body: .leadCaptured(profile)), hasTime: false)
    }

    func touch(_ lead: LeadID) -> PendingEvent {
        PendingEvent(event: Event(at: start, body: .touchLogged(Touch(lead: lead, rep: "r0", channel: .call, outcome: .connected))),
                     hasTime: false)
    }

    /// Takes the timeline's lock (as an erasure does) until released: requests queue behind it.
    func holdTimeline() async throws -> TimelineHold {
        let hold = TimelineHold()
        let (held, holding) = AsyncStream.makeStream(of: Void.self)
        // On the test server threads: unstructured tasks do not inherit them, and the cooperative pool
        // may be held by other suites for minutes.
        hold.task = Task(executorPreference: ServerThreads.shared) {
            try await timeline.exclusively { _ in
                holding.finish()
                await hold.waitForRelease()
            }
        }
        for await _ in held {}
        return hold
    }

    /// Submits `events` as one request in a task of its own (on the test server threads).
    func submitting(_ events: [PendingEvent]) -> Task<[AcceptedEvent], any Error> {
        Task(executorPreference: ServerThreads.shared) { try await timeline.submit(events, source: "test") }
    }

    /// Waits (at most 60 s: the whole suite may load the machine) until `waiting` requests queue for the next transaction.
    func waitUntil(waiting: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while await timeline.waitingRequests < waiting {
            guard ContinuousClock.now < deadline else {
                Issue.record("\(await timeline.waitingRequests) requests waiting, not \(waiting)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// The group-size histogram as `/metrics` shows it.
    func groups() -> Groups {
        let text = metrics.render(statistics: nil, rulesVersion: "test", lastReloadSucceeded: true)
        func value(_ name: String) -> Int {
            let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            return line.flatMap { Double($0.split(separator: " ")[1]) }.map { Int($0) } ?? -1
        }
        return Groups(transactions: value("followupd_ingest_group_size_count"), requests: value("followupd_ingest_group_size_sum"))
    }
}

/// The timeline's lock, held by a test while ``whileHeld(_:)`` runs.
final class TimelineHold: @unchecked Sendable {
    private let (released, releasing) = AsyncStream.makeStream(of: Void.self)
    /// Set once, before anyone awaits it.
    var task: Task<Void, any Error>?

    func waitForRelease() async {
        for await _ in released {}
    }

    /// Runs `body`, then releases the lock (also when `body` throws).
    func whileHeld(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            releasing.finish()
            throw error
        }
        releasing.finish()
        _ = try? await task?.value
    }
}

/// One client's requests: captures of its own leads and touches on them,
/// at times that move forward (other streams' events make many of them late).
struct IngestStream: Sendable {
    var requests: [[PendingEvent]] = []

    init(number: Int, seed: UInt64, requests count: Int, start: Instant) {
        var generator = SeededGenerator(seed: seed)
        var now = start
        var leads: [LeadID] = []
        for _ in 0..<count {
            var request: [PendingEvent] = []
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                now = now + TimeSpan(seconds: Int64.random(in: 0...1_800, using: &generator))
                let body: Event.Body
                if leads.isEmpty || Bool.random(using: &generator) {
                    let lead = LeadID("S\(number)-\(leads.count)")
                    leads.append(lead)
                    body = .leadCaptured(LeadProfile(id: lead, source: "web_form", email: "\(lead)@example.test"))
                } else {
                    let outcome = [Outcome.noAnswer, .sent, .connected].randomElement(using: &generator)!
                    body = .touchLogged(Touch(lead: leads.randomElement(using: &generator)!, rep: "r\(Int.random(in: 0...1, using: &generator))",
                                              channel: .call, outcome: outcome))
                }
                request.append(PendingEvent(event: Event(at: now, body: body), hasTime: true))
            }
            requests.append(request)
        }
    }
}
