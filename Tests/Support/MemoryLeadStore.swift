public import FollowUpCore
import Synchronization

/// A second ``LeadStore``, in memory: the same port the SQLite store
/// implements, kept in plain values, so the store conformance suite runs
/// against two stores and the core's timeline (not a store) is what they
/// share. A transaction works on a copy and commits by replacing the state,
/// so a failed one leaves nothing behind.
public final class MemoryLeadStore: LeadStore {
    /// What the store holds between transactions.
    public struct State: Sendable {
        public var world: MemoryWorld
        public var events: [LoggedEvent] = []
        /// One row per notification and receiver, as queued.
        public var outbox: [(notification: LeadNotification, receiver: String, createdAt: Instant)] = []
        public var lastApplied: Instant?
        /// Answers kept under an `Idempotency-Key`.
        public var answers: [String: (answer: StoredAnswer, at: Instant)] = [:]
    }

    private let state: Mutex<State>
    private let receivers: @Sendable (LeadNotification) -> [String]

    public init(roster: [Rep] = [], receivers: @escaping @Sendable (LeadNotification) -> [String]) {
        state = Mutex(State(world: MemoryWorld(team: TeamState(roster: roster))))
        self.receivers = receivers
    }

    /// The committed state.
    public var committed: State { state.withLock { $0 } }

    public func write<T: Sendable>(_ work: @escaping @Sendable (any TimelineTransaction) throws -> T) async throws -> T {
        try state.withLock { committed in
            let transaction = Transaction(committed, receivers: receivers)
            let result = try work(transaction)
            committed = transaction.state
            return result
        }
    }

    public func nextTimer() async throws -> LeadTimer? {
        var world = committed.world
        return world.nextTimer()
    }

    public func putInForce(engine: Engine, previous: Rules, roster: [Rep],
                           progress: @escaping @Sendable () -> Void) async throws -> ReplanReport {
        state.withLock { committed in
            var next = committed
            for rep in roster { next.world.team.upsert(rep) }
            var walk = ReplanWalk(engine: engine, previous: previous, keep: 0)
            for moved in walk.replan(next.world.allLeads.filter(Self.mayHaveObligations)) { next.world.save(moved.after) }
            committed = next
            return walk.report
        }
    }

    public func previewReplan(engine: Engine, previous: Rules, keep: Int) async throws -> ReplanReport {
        var walk = ReplanWalk(engine: engine, previous: previous, keep: keep)
        _ = walk.replan(committed.world.allLeads.filter(Self.mayHaveObligations))
        return walk.report
    }

    public func checkpoint() async throws {}
    public func compactLog() async throws {}

    public func lastAppliedAt() async throws -> Instant? { committed.lastApplied }

    /// The leads a re-plan looks at, as the SQLite store selects them.
    private static func mayHaveObligations(_ lead: LeadState) -> Bool {
        [.open, .engaged, .nurture].contains(lead.status)
    }

    /// One transaction: a copy of the state the core changes through the port.
    final class Transaction: TimelineTransaction {
        var state: State
        let receivers: @Sendable (LeadNotification) -> [String]

        init(_ state: State, receivers: @escaping @Sendable (LeadNotification) -> [String]) {
            self.state = state
            self.receivers = receivers
        }

        var team: TeamState {
            get { state.world.team }
            set { state.world.team = newValue }
        }
        func lead(_ id: LeadID) -> LeadState? { state.world.lead(id) }
        func hasLead(_ id: LeadID) -> Bool { state.world.hasLead(id) }
        func takeLead(_ id: LeadID) -> LeadState? { state.world.takeLead(id) }
        func save(_ lead: consuming LeadState) { state.world.save(lead) }
        func leadsAwaitingFirstTouch(ownedBy rep: RepID) -> [LeadState] { state.world.leadsAwaitingFirstTouch(ownedBy: rep) }
        func leads(ownedBy rep: RepID) -> [LeadState] { state.world.leads(ownedBy: rep) }
        func leadsInCadence(of rep: RepID) -> Int { state.world.leadsInCadence(of: rep) }
        func takeTimer(dueBefore limit: Instant, inclusive: Bool) -> LeadTimer? {
            state.world.takeTimer(dueBefore: limit, inclusive: inclusive)
        }

        func log(_ event: Event, source: String, receivedAt: Instant) throws -> Int64 {
            let seq = Int64(state.events.count + 1)
            state.events.append(LoggedEvent(seq: seq, event: event, source: source, receivedAt: receivedAt))
            return seq
        }

        func queue(_ notifications: [LeadNotification], createdAt: Instant) throws {
            for notification in notifications {
                for receiver in receivers(notification) {
                    state.outbox.append((notification, receiver, createdAt))
                }
            }
        }

        func reached(_ instant: Instant) {
            state.lastApplied = max(state.lastApplied ?? instant, instant)
        }

        func storedAnswer(forKey key: String) throws -> StoredAnswer? { state.answers[key]?.answer }
        func store(_ answer: StoredAnswer, forKey key: String, at: Instant) throws {
            let expired = state.answers.filter { $0.value.at < at - StoredAnswer.lifetime }
                .sorted { ($0.value.at, $0.key) < ($1.value.at, $1.key) }.prefix(StoredAnswer.forgottenPerWrite)
            for (gone, _) in expired { state.answers[gone] = nil }
            state.answers[key] = (answer, at)
        }
    }
}
