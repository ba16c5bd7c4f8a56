public import FollowUpCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// followupd's store on PostgreSQL (issue 14): the same port as the SQLite
/// store, with the same semantics, for several nodes on one database.
///
/// Every write is one PostgreSQL transaction on the writer's own connection
/// and thread (``PostgresWriter``): the leads a batch names are read in one
/// statement, the engine runs over them in memory, and what it changed is
/// written set-based at the end. Every write transaction ends by checking
/// the lease's epoch the store opened with (`SELECT epoch FROM lease … FOR
/// SHARE`): after another node took the lease it throws
/// ``PostgresStoreError/fenced(expected:found:)`` and writes nothing.
/// Commits are durable (`synchronous_commit = on`).
///
/// Reads go through a `PostgresClient` pool, whose `run()` the store runs in
/// a task of its own from ``open()`` to ``close()``: call ``open()`` before
/// anything else and ``close()`` at the end.
public final class PostgresLeadStore: LeadStore, Sendable {
    /// Where the database is and who this node is.
    public let configuration: PostgresStoreConfiguration
    let routing: PostgresNotificationRouter
    let writer: PostgresWriter
    /// Delivery results are recorded on a connection of their own: on the
    /// writer's they took turns with ingest (about three commits per batch of
    /// 100 captures in a release profile), and they change no lead.
    let recorder: PostgresWriter
    let client: PostgresClient
    let logger: Logger
    /// The committed cache (nil before open, or after a failed write: then
    /// reloaded by the next one, since a failed COMMIT may have committed),
    /// the epoch writes are fenced with, and the pool's running task.
    private let state = Mutex<(cache: PostgresStoreCache?, epoch: Int64?, running: Task<Void, Never>?)>((nil, nil, nil))
    private let fixedEpoch: Int64?

    /// A store on `configuration`'s database; nothing connects until ``open()``.
    /// - Parameters:
    ///   - epoch: the lease epoch this node won (the election, not written yet,
    ///     will pass it); nil fences against the epoch found at ``open()``.
    ///   - routing: the receivers of each notification, by what it is and the
    ///     lead's priority and team when it is minted.
    public init(configuration: PostgresStoreConfiguration, epoch: Int64? = nil,
                routing: @escaping @Sendable (LeadNotification, RouteFacts) -> [String]) throws {
        self.configuration = configuration
        self.routing = routing
        self.fixedEpoch = epoch
        var logger = Logger(label: "followupd.postgres")
        logger.logLevel = .warning
        self.logger = logger
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        var fenced = try configuration.connectionConfiguration()
        fenced.options.additionalStartupParameters.append(Self.pausedTransactionTimeout)
        self.writer = PostgresWriter(configuration: fenced, eventLoop: loop, logger: logger)
        self.recorder = PostgresWriter(configuration: fenced, eventLoop: loop, logger: logger)
        self.client = PostgresClient(configuration: try configuration.clientConfiguration(), backgroundLogger: logger)
    }

    /// A store on the database `url` names (``PostgresStoreConfiguration/init(url:holder:)``).
    public convenience init(url: String, epoch: Int64? = nil,
                            routing: @escaping @Sendable (LeadNotification, RouteFacts) -> [String]) throws {
        try self.init(configuration: try PostgresStoreConfiguration(url: url), epoch: epoch, routing: routing)
    }

    /// Brings the schema up to date (``PostgresSchema``) and nothing else: a
    /// node runs it before it waits for the lease, whose table the schema
    /// holds. ``open(epoch:)`` runs it again (a no-op then).
    public func migrate() async throws {
        try await writer.run { session in try PostgresSchema.prepare(session) }
    }

    /// Connects, brings the schema up to date (``PostgresSchema``), loads the
    /// team and counters, and takes the epoch to fence writes with: `epoch`
    /// (the lease this node just took), else the one given at init, else the
    /// lease's current one.
    public func open(epoch given: Int64? = nil) async throws {
        let client = self.client
        let running = Task { await client.run() }
        state.withLock { $0.running = running }
        let fixedEpoch = given ?? self.fixedEpoch
        let (cache, epoch) = try await writer.run { session in
            try PostgresSchema.prepare(session)
            let cache = try PostgresStoreCache.load(session)
            let epoch = try fixedEpoch ?? session.scalar("SELECT epoch FROM lease WHERE name = 'leader'", as: Int64.self) ?? 0
            return (cache, epoch)
        }
        state.withLock {
            $0.cache = cache
            $0.epoch = epoch
        }
    }

    /// Starts the read pool only: what a standby answers reads with. Such a
    /// store writes nothing (it holds no epoch: every write throws
    /// ``PostgresStoreError/notOpen``), and its reads go to the database
    /// every time, since another node writes it. ``close()`` it at the end.
    public func openForReading() {
        let client = self.client
        let running = Task { await client.run() }
        state.withLock { $0.running = running }
    }

    /// Closes the writer's connection and stops the pool. Use nothing after this.
    public func close() async throws {
        try await writer.close()
        try await recorder.close()
        let running = state.withLock { s in
            defer { s = (nil, nil, nil) }
            return s.running
        }
        running?.cancel()
        await running?.value
    }

    /// Adds the rule files' roster to the team (as the SQLite store's `seedRoster`).
    public func seedRoster(_ reps: [Rep]) async throws {
        try await transaction { _, cache, _ in
            for rep in reps { cache.team.upsert(rep) }
        }
    }

    /// Statements the last write transaction sent, BEGIN and COMMIT included.
    public var lastWriteStatements: Int { writer.lastStatements.load(ordering: .relaxed) }

    /// The committed cache; read again from the database after a failed write.
    var committed: PostgresStoreCache {
        get async throws {
            let (cached, epoch, running) = state.withLock { ($0.cache, $0.epoch, $0.running) }
            if let cached { return cached }
            if epoch == nil, running != nil {
                // Reading only: another node writes, so nothing read is kept.
                return try await writer.run { session in try PostgresStoreCache.load(session) }
            }
            guard epoch != nil else { throw PostgresStoreError.notOpen }
            return try await writer.run { session in
                if let cache = self.state.withLock({ $0.cache }) { return cache }
                let cache = try PostgresStoreCache.load(session)
                self.state.withLock { $0.cache = cache }
                return cache
            }
        }
    }

    /// Runs `work` in one write transaction with the committed cache: BEGIN,
    /// `work`, the cache's and the tallies' rows, the fencing check, COMMIT;
    /// the new cache is published on the writer's thread after the commit, so
    /// the next transaction starts from it.
    func transaction<T: Sendable>(
        _ work: @escaping @Sendable (PostgresSession, inout PostgresStoreCache, inout TallyChanges) throws -> T
    ) async throws -> T {
        // Before the writer's thread, which is gone after close().
        guard state.withLock({ $0.epoch }) != nil else { throw PostgresStoreError.notOpen }
        return try await writer.run { session in
            let (cached, epoch) = self.state.withLock { ($0.cache, $0.epoch) }
            guard let epoch else { throw PostgresStoreError.notOpen }
            let before = try cached ?? PostgresStoreCache.load(session)
            do {
                let (result, after) = try Self.fenced(epoch, session) { tallies in
                    var after = before
                    let result = try work(session, &after, &tallies)
                    try after.write(changesSince: before, session)
                    return (result, after)
                }
                self.state.withLock { $0.cache = after }
                return result
            } catch {
                // Read the cache again before the next write: a COMMIT that failed may have
                // committed (its outcome is unknown), and the next event numbers must follow the rows.
                self.state.withLock { $0.cache = nil }
                throw error
            }
        }
    }

    /// A fenced write that changes no lead and no cached state (delivery
    /// results), on the recorder's connection, beside the writer's
    /// transactions. Only the tallies are shared with them; ``TallyChanges``
    /// writes its keys in one order, so the two never wait on each other in a cycle.
    func recordingTransaction(_ work: @escaping @Sendable (PostgresSession, inout TallyChanges) throws -> Void) async throws {
        guard let epoch = state.withLock({ $0.epoch }) else { throw PostgresStoreError.notOpen }
        try await recorder.run { session in
            try Self.fenced(epoch, session) { tallies in try work(session, &tallies) }
        }
    }

    /// One transaction of either connection: `work`, the tally changes it
    /// counted, the fencing check, COMMIT; ROLLBACK when any of them fails.
    private static func fenced<T>(_ epoch: Int64, _ session: PostgresSession,
                                  _ work: (inout TallyChanges) throws -> T) throws -> T {
        try session.query("BEGIN")
        do {
            var tallies = TallyChanges()
            let result = try work(&tallies)
            try tallies.write(session)
            try fence(epoch, session)
            try session.query("COMMIT")
            return result
        } catch {
            // A broken connection rolls back on the server by itself.
            if !session.connection.isClosed { _ = try? session.query("ROLLBACK") }
            throw error
        }
    }

    /// How long the server lets a write transaction of ours wait for its next
    /// statement before it ends the session. A leader paused inside one (SIGSTOP,
    /// a frozen VM) holds the lease row `FOR SHARE` from its fencing check to its
    /// COMMIT, and a standby's takeover (an UPDATE of that row) waited for it
    /// for as long as the pause lasted, past the lease. The lease's own length:
    /// a transaction that stalls that long would be fenced anyway.
    static let pausedTransactionTimeout = ("idle_in_transaction_session_timeout", "\(LeaderLease.defaultTTL.components.seconds)s")

    /// A leader paused for `seconds` inside a write transaction, after its
    /// fencing check and before its COMMIT (for tests: the SIGSTOP that can land there).
    /// - Throws: the COMMIT's error once the server has ended the session.
    package func pauseAfterFencing(seconds: Int) async throws {
        guard let epoch = state.withLock({ $0.epoch }) else { throw PostgresStoreError.notOpen }
        try await writer.run { session in
            try session.query("BEGIN")
            try Self.fence(epoch, session)
            Thread.sleep(forTimeInterval: Double(seconds))
            try session.query("COMMIT")
        }
    }

    /// The fencing check: the lease's epoch must still be the one this store
    /// opened with. `FOR SHARE` holds the row until the commit, so a takeover
    /// (which updates it) waits for this transaction or makes it fail.
    static func fence(_ epoch: Int64, _ session: PostgresSession) throws {
        let found = try session.scalar("SELECT epoch FROM lease WHERE name = 'leader' FOR SHARE", as: Int64.self)
        guard found == epoch else { throw PostgresStoreError.fenced(expected: epoch, found: found) }
    }

    // MARK: LeadStore

    public func write<T: Sendable>(_ work: @escaping @Sendable (any TimelineTransaction) throws -> T) async throws -> T {
        try await write(reading: [], work)
    }

    public func write<T: Sendable>(reading leads: [LeadID],
                                   _ work: @escaping @Sendable (any TimelineTransaction) throws -> T) async throws -> T {
        let routing = self.routing
        return try await transaction { session, cache, tallies in
            let world = PostgresWorld(session: session, cache: cache, routing: routing)
            try world.prefetch(leads)
            let result = try work(world)
            try world.flush()
            tallies = world.tallies
            cache.team = world.team
            cache.nextEventSeq = world.nextEventSeq
            if let reached = world.reachedAt { cache.applied(at: reached) }
            return result
        }
    }

    public func nextTimer() async throws -> LeadTimer? {
        let change = try await committed.team.timers.first
        let timer = try await rows("SELECT at, lead_seq, lead, kind FROM timers ORDER BY at, lead_seq, kind_order LIMIT 1")
            .first.map(PostgresWorld.timer)
        guard let change else { return timer }
        return timer.map { $0 < change ? $0 : change } ?? change
    }

    public func lastAppliedAt() async throws -> Instant? { try await committed.lastAppliedAt }

    /// Nothing to do: PostgreSQL checkpoints by itself.
    public func checkpoint() async throws {}
    public func compactLog() async throws {}

    /// Every row `query` selects, through the pool.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        var out: [PostgresRow] = []
        do {
            for try await row in try await client.query(query, logger: logger) { out.append(row) }
        } catch let error as PSQLError {
            throw PostgresSession.explained(error, query)
        }
        return out
    }
}
