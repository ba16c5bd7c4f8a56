import Foundation
import Testing
import FollowUpCore
import FollowUpReports
import FollowUpStore
import FollowUpPostgres
import FollowUpTestSupport

/// Prints how fast the store records and fires on this machine. Nothing is
/// asserted about time (the machine is shared); it runs only when asked:
/// `FOLLOWUP_STORE_PROBE=50000 swift test --filter ThroughputProbe`
/// (`FOLLOWUP_BATCH_PROBE=200 swift test --no-parallel --filter ThroughputProbe` for the batch probe).
@Suite struct ThroughputProbe {
    static let count = Int(ProcessInfo.processInfo.environment["FOLLOWUP_STORE_PROBE"] ?? "") ?? 0
    /// Batches of 100 captures for ``batchesOfAHundredCaptures(_:)`` (`FOLLOWUP_BATCH_PROBE=100`).
    static let batches = Int(ProcessInfo.processInfo.environment["FOLLOWUP_BATCH_PROBE"] ?? "") ?? 0
    /// `FOLLOWUP_PROBE_KEEP_REPORTS=0`: the batch probe without report contributions, to measure what keeping them costs.
    static let keepReports = ProcessInfo.processInfo.environment["FOLLOWUP_PROBE_KEEP_REPORTS"] != "0"

    /// Batches of 100 captures through `advance(through:)`, routed round robin
    /// over 20 reps, then as many batches of 100 touches on those leads,
    /// against each store side by side: events/s, process CPU per event and, for
    /// PostgreSQL, statements per capture batch. Durable commits on both (SQLite
    /// `synchronous = FULL`, PostgreSQL `synchronous_commit = on`).
    @Test(.enabled(if: batches > 0), arguments: StorePlace.allCases)
    func batchesOfAHundredCaptures(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store: any InspectedStore = switch place {
        case .sqlite: try SQLiteLeadStore(path: dir.path("state.sqlite"), durability: .full, receivers: testReceivers)
        case .postgres: try await placed.open()
        }
        let rules = DefaultRules.make(roster: (0..<20).map { Rep(id: "rep\($0)", team: "sales") })
        try await store.seedRoster(rules.roster)
        // As the daemon does: each lead's report contribution is kept in the batch's transaction (v16).
        if Self.keepReports { try await store.keepReportContributions(under: rules) }
        let engine = Engine(rules: rules)
        var statements: [Int] = []
        let clock = ContinuousClock()
        let cpuBefore = Self.processCPUSeconds()
        let elapsed = try await clock.measure {
            for b in 0..<Self.batches {
                let batch = (0..<100).map { i in
                    let n = b * 100 + i
                    var profile = LeadProfile(id: "L\(n)", source: "web_form", email: "l\(n)@example.test", timezone: "America/New_York")
                    profile.attributes = ["crm_id": .string("C\(n)")]
                    return Event(at: at("2026-11-24T14:00:00Z") + TimeSpan(seconds: Int64(b)), body: .leadCaptured(profile))
                }
                _ = try await store.advance(through: batch, source: "probe", receivedAt: batch[0].at, engine: engine)
                if let postgres = store as? PostgresLeadStore { statements.append(postgres.lastWriteStatements) }
            }
        }
        // CPU as well as wall time: on a shared machine the wall clock also counts other sessions' load.
        let cpu = Self.processCPUSeconds() - cpuBefore
        let events = Self.batches * 100
        print("batch probe \(place)\(Self.keepReports ? "" : " (no report contributions)"): \(Self.batches) batches of 100 captures in \(elapsed) → "
              + "\(Int(Double(events) / elapsed.seconds)) events/s, process CPU \(Int(cpu * 1e6 / Double(events))) µs/event"
              + (statements.isEmpty ? "" : ", statements per batch \(statements.min()!)…\(statements.max()!)"))
        #expect(try await store.statistics().leadsByStatus[.open] == events)

        // Then one logged touch per lead, 100 to a batch: leads the transaction did not capture, whose
        // contributions are recomputed from their rows (events, outbox, the kept row) read back.
        let touchCPUBefore = Self.processCPUSeconds()
        let touching = try await clock.measure {
            for b in 0..<Self.batches {
                let batch = (0..<100).map { i in
                    let n = b * 100 + i
                    let touch = Touch(lead: "L\(n)", rep: "rep\(n % 20)", channel: .call, outcome: .connected)
                    // After the last capture, before any first-touch deadline.
                    return Event(at: at("2026-11-24T14:03:20Z") + TimeSpan(seconds: Int64(b / 4)), body: .touchLogged(touch))
                }
                _ = try await store.advance(through: batch, source: "probe", receivedAt: batch[0].at, engine: engine)
            }
        }
        let touchCPU = Self.processCPUSeconds() - touchCPUBefore
        print("touch probe \(place)\(Self.keepReports ? "" : " (no report contributions)"): \(Self.batches) batches of 100 touches in \(touching) → "
              + "\(Int(Double(events) / touching.seconds)) events/s, process CPU \(Int(touchCPU * 1e6 / Double(events))) µs/event")
    }

    /// User + system CPU of the whole process so far (run with `--no-parallel`, or the other store's case counts too).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    @Test(.enabled(if: count > 0))
    func recordCapturesThenFireTheirDeadlines() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let rules = DefaultRules.make()
        let engine = Engine(rules: rules)
        let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: { _ in ["webhook"] })
        let reps = (0..<20).map { "rep\($0)" }
        for rep in reps {
            let e = upsert("2026-11-24T13:00:00Z", rep)
            _ = try await store.record(e, source: "probe", receivedAt: e.at, engine: engine)
        }
        let empty = try await ContinuousClock().measure {
            for _ in 0..<5_000 { try await store.seedRoster([]) }
        }
        print("store probe: empty transaction \(empty / 5_000)")
        let start = at("2026-11-24T14:00:00Z")
        let clock = ContinuousClock()
        let recording = try await clock.measure {
            for i in 0..<Self.count {
                var profile = LeadProfile(id: "L\(i)", source: i % 3 == 0 ? "web_form" : "newsletter",
                                          email: "l\(i)@example.test", timezone: "America/New_York")
                profile.attributes = ["crm_id": .string("C\(i)")]
                let e = Event(at: start + TimeSpan(seconds: Int64(i / 100)), body: .leadCaptured(profile))
                _ = try await store.record(e, source: "probe", receivedAt: e.at, engine: engine)
            }
        }
        var fired = 0
        var lags: [Duration] = []
        let firing = try await clock.measure {
            while fired < Self.count {
                let t0 = clock.now
                guard try await store.fireNextTimer(dueBy: at("2026-12-31T00:00:00Z"), inclusive: true, engine: engine) != nil else { break }
                lags.append(clock.now - t0)
                fired += 1
            }
        }
        // The same captures again, 100 to a transaction, through advance(through:).
        let batched = try await clock.measure {
            for first in stride(from: 0, to: Self.count, by: 100) {
                let batch = (first..<min(first + 100, Self.count)).map { i in
                    var profile = LeadProfile(id: "B\(i)", source: "web_form", email: "b\(i)@example.test")
                    profile.attributes = ["crm_id": .string("C\(i)")]
                    return Event(at: at("2027-01-05T14:00:00Z") + TimeSpan(seconds: Int64(i / 100)), body: .leadCaptured(profile))
                }
                _ = try await store.advance(through: batch, source: "probe", receivedAt: batch[0].at, engine: engine)
            }
        }
        print("store probe: \(Self.count) captures in batches of 100 in \(batched) → \(Int(Double(Self.count) / batched.seconds)) events/s")
        let stats = try await store.statistics()
        lags.sort()
        let p99 = lags.isEmpty ? .zero : lags[lags.count * 99 / 100]
        let size = (try? FileManager.default.attributesOfItem(atPath: dir.path("state.sqlite"))[.size] as? Int) ?? 0
        print("""
            store probe: \(Self.count) captures in \(recording) → \(Int(Double(Self.count) / recording.seconds)) events/s; \
            \(fired) timers fired in \(firing) → \(Int(Double(fired) / firing.seconds)) timers/s, p99 \(p99); \
            \(stats.leadsByStatus) leads, \(stats.pendingTimers) timers left, file \(size / 1_048_576) MB
            """)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
