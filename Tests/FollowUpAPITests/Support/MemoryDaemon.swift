import FollowUpCore
@testable import FollowUpDaemon
import FollowUpTestSupport

/// A whole daemon in memory: it applies submitted events through the real
/// ``Engine`` on a ``MemoryWorld`` (firing due timers first, as the daemon's
/// timeline does), keeps an event log and an outbox, and answers the API's
/// queries from them. Not a mock: the API tests see the engine's real answers.
actor MemoryDaemon: EventIntake, LeadQueries, DaemonHealth {
    let engine: Engine
    let clock: TestClock
    private var world: MemoryWorld
    private var log: [LoggedEvent] = []
    private var outbox: [OutboxEntry] = []
    private var lastApplied: Instant?
    /// What `/healthz` reports.
    var ready = true
    /// The receivers every notification goes to.
    let receivers = ["log"]
    /// How many events each `submit` carried, in order (batching tests read it).
    private(set) var batchSizes: [Int] = []

    init(rules: Rules = DefaultRules.make(), clock: TestClock) {
        engine = Engine(rules: rules)
        world = MemoryWorld(team: TeamState(roster: rules.roster))
        self.clock = clock
    }

    func setReady(_ ready: Bool) { self.ready = ready }

    // MARK: EventIntake

    func submit(_ events: [PendingEvent], source: String) async throws -> [AcceptedEvent] {
        batchSizes.append(events.count)
        let now = clock.now
        let timed = events.map { $0.placed(now: now) }
        // Vet the whole batch first: a bad event rejects it whole.
        var newLeads = Set<LeadID>(), newReps = Set<RepID>()
        for (index, event) in timed.enumerated() {
            do throws(Diagnostic) {
                try engine.validate(event, leadExists: { world.hasLead($0) || newLeads.contains($0) },
                                    repExists: { world.team.members[$0] != nil || newReps.contains($0) })
            } catch {
                throw EventBatchError(index: index, error: error)
            }
            if case .leadCaptured(let profile) = event.body { newLeads.insert(profile.id) }
            if case .repUpserted(let rep) = event.body { newReps.insert(rep.id) }
        }
        var accepted: [AcceptedEvent] = []
        for event in timed {
            var applied = event
            // The timeline never goes back: a late event applies at the timeline's now.
            if let lastApplied, applied.at < lastApplied { applied.at = lastApplied }
            let outcome = try engine.advance(to: applied, in: &world) { _, timer, outcome in
                lastApplied = max(lastApplied ?? timer.at, timer.at)
                queue(outcome.notifications)
            }
            lastApplied = applied.at
            let seq = Int64(log.count + 1)
            log.append(LoggedEvent(seq: seq, event: event, source: source, receivedAt: now))
            queue(outcome.notifications)
            accepted.append(AcceptedEvent(seq: seq, appliedAt: applied.at, notifications: outcome.notifications))
        }
        return accepted
    }

    /// Answers kept under an `Idempotency-Key`, with the body's fingerprint.
    private var answers: [String: (fingerprint: String, body: String)] = [:]

    func submit(_ events: [PendingEvent], source: String, once: IdempotentRequest) async throws -> String {
        if let kept = answers[once.key] {
            guard kept.fingerprint == once.fingerprint else { throw IdempotencyConflict(key: once.key) }
            return kept.body
        }
        let body = once.answer(try await submit(events, source: source))
        answers[once.key] = (once.fingerprint, body)
        return body
    }

    private func queue(_ notifications: [LeadNotification]) {
        for notification in notifications {
            for receiver in receivers {
                outbox.append(OutboxEntry(notification: notification, receiver: receiver, state: .pending, attempts: 0,
                                          nextAttemptAt: notification.at, lastError: nil, createdAt: notification.at,
                                          deliveredAt: nil))
            }
        }
    }

    // MARK: LeadQueries

    func lead(_ id: LeadID) async throws -> LeadRecord? {
        guard let state = world.lead(id) else { return nil }
        return LeadRecord(state: state, timers: state.timers.sorted(),
                          events: log.filter { $0.event.lead == id },
                          notifications: outbox.filter { $0.notification.lead == id })
    }

    func replayEvents(of id: LeadID) async throws -> [LoggedEvent]? {
        guard world.hasLead(id) else { return nil }
        var leads: Set<LeadID> = [id]
        for logged in log {
            if case .leadMerged(let survivor, let duplicate) = logged.event.body, leads.contains(survivor) { leads.insert(duplicate) }
        }
        return log.filter { $0.event.lead.map(leads.contains) ?? true }
    }

    func leads(_ query: LeadQuery) async throws -> LeadPage {
        let matching = world.allLeads.filter { lead in
            if let after = query.after, lead.seq <= after { return false }
            if let owner = query.owner, lead.owner != owner { return false }
            if let status = query.status, lead.status != status { return false }
            if let overdueAt = query.overdueAt {
                guard let step = lead.openStep, step.deadline < overdueAt else { return false }
            }
            return true
        }
        let page = Array(matching.prefix(query.limit))
        return LeadPage(leads: page, nextAfter: matching.count > page.count ? page.last?.seq : nil)
    }

    func queue(for rep: RepID, at now: Instant) async throws -> RepQueue {
        // As the store: a snoozed lead has no open step, and is listed apart by its wake-up.
        let open = world.allLeads.filter { $0.owner == rep && $0.openStep != nil }
        let dueNow = open.filter { $0.step!.due <= now }.sorted { $0.step!.deadline < $1.step!.deadline }
        let later = open.filter { $0.step!.due > now }.sorted { $0.step!.due < $1.step!.due }
        let snoozed = world.allLeads.filter { $0.owner == rep && $0.isSnoozed }
            .sorted { ($0.snoozedUntil!, $0.seq) < ($1.snoozedUntil!, $1.seq) }
        return RepQueue(rep: rep, now: dueNow, next: later, snoozed: snoozed)
    }

    func rep(_ id: RepID) async throws -> TeamState.Member? {
        world.team.members[id]
    }

    func roster() async throws -> [RosterRep] {
        world.team.members.values.sorted { $0.seq < $1.seq }
            .map { RosterRep(member: $0, leadsInCadence: world.leadsInCadence(of: $0.rep.id)) }
    }

    func statistics() async throws -> StoreStatistics {
        var byStatus: [LeadStatus: Int] = [:]
        for lead in world.allLeads { byStatus[lead.status, default: 0] += 1 }
        var byState: [OutboxState: Int] = [:]
        for entry in outbox { byState[entry.state, default: 0] += 1 }
        let timers = world.allLeads.flatMap(\.timers).sorted()
        return StoreStatistics(events: Int64(log.count), leadsByStatus: byStatus, pendingTimers: timers.count,
                               nextTimerAt: timers.first?.at, outboxByState: byState)
    }

    // MARK: DaemonHealth

    func snapshot() async -> HealthSnapshot {
        HealthSnapshot(ready: ready, now: clock.now, rulesVersion: "test-rules",
                       lastReload: ReloadResult(at: clock.now, succeeded: true, message: "loaded 4 files"),
                       fireLagP99Seconds: 0.25)
    }

    func metricsText() async -> String {
        """
        # HELP followup_events_total Events applied.
        # TYPE followup_events_total counter
        followup_events_total \(log.count)

        """
    }
}
