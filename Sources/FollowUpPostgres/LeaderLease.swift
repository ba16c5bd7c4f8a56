import Foundation
public import Logging
import NIOCore
import PostgresNIO

/// Who leads: the `lease` row (`holder, epoch, expires_at`), timed by the
/// database's clock and kept on a connection of its own (issue 14).
///
/// A node takes the lease when nobody holds it, when it expired, or at once
/// when its holder's lease connection is gone from `pg_stat_activity` (the
/// holder's process died: its sockets closed) — unless the server started
/// after the holder last renewed: a restart of PostgreSQL closes every
/// session, the living holder's too, and taking over at once then handed
/// the lease to whichever node reconnected first, about half the time a
/// standby. Then the holder has the lease's remainder to reconnect and
/// renew, as after any outage shorter than the lease. Taking it bumps the epoch,
/// which fences every write of the node before (``PostgresLeadStore`` ends
/// each write transaction by checking it). The leader renews every second;
/// a leader that cannot renew for longer than the lease minus one renewal
/// steps down by its own monotonic clock, before anyone may take the lease
/// by the database's. A graceful stop expires the lease at once, so a
/// standby takes over in one poll.
///
/// Advisory locks alone would not do: they fence nothing (a paused leader's
/// commits would still land) and break behind transaction-mode poolers.
public actor LeaderLease {
    /// What taking the lease gave this node: the epoch its writes are fenced with.
    public struct Term: Sendable, Hashable {
        public var epoch: Int64
    }

    /// Why a leader stopped leading.
    public enum Loss: Error, Sendable, Hashable, CustomStringConvertible {
        /// Another node holds the lease now (this node was paused or cut off past its expiry).
        case takenOver(by: String?, epoch: Int64?)
        /// The database did not answer renewals for this long: this node stepped down before the lease could expire.
        case unreachable(seconds: Int)

        public var description: String {
            switch self {
            case .takenOver(let holder, let epoch):
                "fenced: \(holder ?? "another node") holds the lease now (epoch \(epoch.map(String.init) ?? "?")); this node writes nothing more"
            case .unreachable(let seconds):
                "stepped down: the lease could not be renewed for \(seconds) s (the database did not answer); this node writes nothing more"
            }
        }
    }

    /// This node's name in the lease row: host and process, so two processes never share it.
    public nonisolated let holder: String
    /// Where this node's API is reached when it leads (`advertise:`), written into the lease row with it.
    public nonisolated let advertise: String?
    let configuration: PostgresConnection.Configuration
    let ttl: Duration
    let renewal: Duration
    let poll: Duration
    let logger: Logger
    private var connection: PostgresConnection?
    private var term: Term?
    private var lastRenewed: ContinuousClock.Instant?
    /// The last failure a standby logged, so an outage is logged once.
    private var lastFailure: String?

    /// The application name the lease connection shows in `pg_stat_activity`,
    /// cut as the server cuts names (63 bytes), which is how standbys see
    /// whether a holder is still alive.
    static func applicationName(_ holder: String) -> String {
        String(decoding: Array(("followupd-lease:" + holder).utf8.prefix(63)), as: UTF8.self)
    }

    /// How long a lease lasts unless renewed, unless a caller says otherwise.
    public static let defaultTTL = Duration.seconds(5)

    /// - Parameters:
    ///   - ttl: how long a lease lasts unless renewed (by the database's clock).
    ///   - renewal: how often the leader renews.
    ///   - poll: how often a standby tries to take the lease.
    ///   - advertise: where the other nodes reach this one's API while it leads (nil: nowhere).
    public init(configuration: PostgresStoreConfiguration, holder: String, advertise: String? = nil, ttl: Duration = defaultTTL,
                renewal: Duration = .seconds(1), poll: Duration = .milliseconds(200), logger: Logger) throws {
        var connection = try configuration.connectionConfiguration()
        connection.options.additionalStartupParameters = [
            ("synchronous_commit", "on"), ("application_name", Self.applicationName(holder)),
        ]
        connection.options.connectTimeout = .seconds(2)
        self.configuration = connection
        self.holder = holder
        self.advertise = advertise
        self.ttl = ttl
        self.renewal = renewal
        self.poll = poll
        self.logger = logger
    }

    private var ttlSeconds: Double { Double(ttl.components.seconds) + Double(ttl.components.attoseconds) / 1e18 }

    private func connected() async throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        let made: PostgresConnection
        do {
            made = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch let error as PSQLError {
            throw PostgresStoreError.unreachable(PostgresSession.connectionFailure(error))
        }
        // The actor is reentrant: while this call waited to connect, another (a
        // standby's status request through observe(), while acquire() polls) may
        // have connected. Keep one; dropping the other unclosed crashed a debug
        // build (PostgresNIO asserts every connection is closed), seen in CI
        // when PostgreSQL restarted under a standby that was answering status.
        if let other = connection, !other.isClosed {
            try? await made.close()
            return other
        }
        let stale = connection
        connection = made
        // A connection the server dropped is closed by us too, after the new one is in place.
        try? await stale?.close()
        return made
    }

    private func disconnect() async {
        let old = connection
        connection = nil
        try? await old?.close()
    }

    /// Waits until this node holds the lease, trying every `poll`.
    /// - Parameter waiting: told the current leader whenever it changes while this node waits.
    public func acquire(waiting: @Sendable (LeaderSighting) -> Void = { _ in }) async throws -> Term {
        var told: LeaderSighting?
        while true {
            try Task.checkCancellation()
            do {
                let connection = try await connected()
                let rows = try await connection.query("""
                    UPDATE lease SET holder = \(holder), advertise = \(advertise), epoch = epoch + 1,
                        expires_at = now() + make_interval(secs => \(ttlSeconds))
                    WHERE name = 'leader' AND (holder IS NULL OR holder = \(holder) OR expires_at IS NULL
                        OR expires_at < now()
                        OR (NOT EXISTS (SELECT 1 FROM pg_stat_activity
                                        WHERE application_name = left('followupd-lease:' || lease.holder, 63))
                            AND pg_postmaster_start_time() < expires_at - make_interval(secs => \(ttlSeconds))))
                    RETURNING epoch
                    """, logger: logger)
                for try await epoch in rows.decode(Int64.self) {
                    let won = Term(epoch: epoch)
                    term = won
                    lastRenewed = .now
                    return won
                }
                let current = try await sighting(on: connection)
                if told != current {
                    told = current
                    waiting(current)
                }
            } catch let error as CancellationError {
                throw error
            } catch {
                // Once per kind of failure, not every poll: a standby may wait out a long outage.
                let why = "\(error)"
                if why != lastFailure {
                    lastFailure = why
                    logger.warning("lease: cannot reach the database (\(String(reflecting: error))); trying again every \(poll)")
                }
                await disconnect()
            }
            try await Task.sleep(for: poll)
        }
    }

    /// Who holds the lease and where its API is, as the row stands.
    private func sighting(on connection: PostgresConnection) async throws -> LeaderSighting {
        let rows = try await connection.query("SELECT holder, advertise FROM lease WHERE name = 'leader'", logger: logger)
        for try await (holder, advertise) in rows.decode((String?, String?).self) {
            return LeaderSighting(holder: holder, advertise: holder == nil ? nil : advertise)
        }
        return LeaderSighting(holder: nil, advertise: nil)
    }

    /// The lease row as it stands.
    private func current(on connection: PostgresConnection) async throws -> (holder: String?, epoch: Int64?) {
        let rows = try await connection.query("SELECT holder, epoch FROM lease WHERE name = 'leader'", logger: logger)
        for try await (holder, epoch) in rows.decode((String?, Int64).self) { return (holder, epoch) }
        return (nil, nil)
    }

    /// Renews the lease every `renewal` while this node leads, and every
    /// `poll` after a renewal failed, so the leader renews within a poll of
    /// the database coming back (a restart); returns when it stopped leading,
    /// and why. Cancelling it stops renewing (the lease then expires, unless
    /// ``release()`` hands it over at once).
    public func keep() async throws -> Loss {
        guard let term else { preconditionFailure("keep() before acquire()") }
        var pause = renewal
        while true {
            try await Task.sleep(for: pause)
            pause = poll
            do {
                let connection = try await connected()
                let rows = try await connection.query("""
                    UPDATE lease SET expires_at = now() + make_interval(secs => \(ttlSeconds))
                    WHERE name = 'leader' AND holder = \(holder) AND epoch = \(term.epoch)
                    RETURNING epoch
                    """, logger: logger)
                var renewed = false
                for try await _ in rows.decode(Int64.self) { renewed = true }
                if renewed {
                    lastRenewed = .now
                    pause = renewal
                    continue
                }
                let now = try await current(on: connection)
                self.term = nil
                return .takenOver(by: now.holder, epoch: now.epoch)
            } catch let error as CancellationError {
                throw error
            } catch {
                logger.warning("lease: renewal failed (\(String(reflecting: error)))")
                await disconnect()
            }
            // By our own clock: stop before the database could hand the lease to someone else.
            if let lastRenewed, ContinuousClock.now - lastRenewed > ttl - renewal {
                self.term = nil
                return .unreachable(seconds: Int((ContinuousClock.now - lastRenewed).components.seconds))
            }
        }
    }

    /// Hands the lease over at once (a graceful stop): it expires now, so a
    /// standby takes it at its next poll. Call after the last write.
    public func release() async {
        // Through connected(): a query on a connection the server closed (a
        // restart, a terminated backend) never completes in PostgresNIO, and a
        // graceful stop hung on it; a fresh one still hands the lease over.
        if let term, let connection = try? await connected() {
            _ = try? await connection.query("""
                UPDATE lease SET expires_at = now() - interval '1 second'
                WHERE name = 'leader' AND holder = \(holder) AND epoch = \(term.epoch)
                """, logger: logger)
        }
        term = nil
        await disconnect()
    }

    /// The lease as the database sees it, for `/v1/status`: holder, epoch,
    /// seconds since it was last renewed (by the database's clock), and how
    /// far the database's clock is ahead of this node's (seconds).
    public func observe(localNow: Double) async throws -> LeaseView {
        let connection = try await connected()
        let rows = try await connection.query("""
            SELECT holder, epoch,
                   extract(epoch FROM now() - (expires_at - make_interval(secs => \(ttlSeconds))))::float8,
                   extract(epoch FROM clock_timestamp())::float8
            FROM lease WHERE name = 'leader'
            """, logger: logger)
        for try await (holder, epoch, age, databaseNow) in rows.decode((String?, Int64, Double?, Double).self) {
            return LeaseView(holder: holder, epoch: epoch, age: age, clockOffset: databaseNow - localNow,
                             leading: holder == self.holder && term?.epoch == epoch)
        }
        return LeaseView(holder: nil, epoch: 0, age: nil, clockOffset: 0, leading: false)
    }
}

/// The leader as a standby sees it in the lease row: its name and where its API is.
public struct LeaderSighting: Sendable, Hashable {
    /// The lease's holder (`HOST:PID`); nil when nobody ever held it.
    public var holder: String?
    /// The holder's `advertise:` address (`http://HOST:PORT` or `unix:PATH`); nil when it gave none.
    public var advertise: String?

    public init(holder: String?, advertise: String?) {
        self.holder = holder
        self.advertise = advertise
    }
}

/// The lease as `/v1/status` shows it.
public struct LeaseView: Sendable, Hashable {
    public var holder: String?
    public var epoch: Int64
    /// Seconds since the holder last renewed; nil when nobody ever held it.
    public var age: Double?
    /// The database's clock minus this node's, in seconds.
    public var clockOffset: Double
    /// Whether this node is the one leading.
    public var leading: Bool
}

extension LeaderLease {
    /// This process's holder name: the host and the process id, so that two
    /// nodes on one host (or a restarted node) never pass for each other.
    public static func localHolder() -> String {
        "\(ProcessInfo.processInfo.hostName):\(getpid())"
    }
}
