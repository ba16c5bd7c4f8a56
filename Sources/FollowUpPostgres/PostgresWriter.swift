import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// Where every write transaction runs: one thread of its own and one
/// connection of its own, so transactions never interleave and the
/// synchronous engine can block on the connection without starving Swift's
/// cooperative pool. A connection that broke is replaced at the next write.
final class PostgresWriter: Sendable {
    private let threads: NIOThreadPool
    private let configuration: PostgresConnection.Configuration
    private let eventLoop: any EventLoop
    private let logger: Logger
    /// Only touched on the writer's thread; the lock makes that checkable.
    private let connection = Mutex<PostgresConnection?>(nil)
    /// Statements the last transaction sent (for tests and the benchmark).
    let lastStatements = Atomic<Int>(0)

    init(configuration: PostgresConnection.Configuration, eventLoop: any EventLoop, logger: Logger) {
        self.threads = NIOThreadPool(numberOfThreads: 1)
        self.configuration = configuration
        self.eventLoop = eventLoop
        self.logger = logger
        threads.start()
    }

    /// Runs `body` on the writer's thread with a session on the writer's connection.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await threads.runIfActive {
            let session = PostgresSession(connection: try self.connected(), logger: self.logger)
            defer { self.lastStatements.store(session.statements, ordering: .relaxed) }
            do {
                return try body(session)
            } catch {
                if session.connection.isClosed {
                    self.connection.withLock { $0 = nil }
                    try? session.connection.close().wait()
                }
                throw error
            }
        }
    }

    /// Closes the connection and stops the thread.
    func close() async throws {
        let open = connection.withLock { c in defer { c = nil }; return c }
        try await open?.close()
        try await threads.shutdownGracefully()
    }

    private func connected() throws -> PostgresConnection {
        let current = connection.withLock { $0 }
        if let current, !current.isClosed { return current }
        // One the server closed (a restart, a terminated backend) is still closed by us:
        // PostgresNIO asserts that every connection is, and a lost one must not take the process down.
        try? current?.close().wait()
        let made: PostgresConnection
        do {
            made = try PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 1, logger: logger).wait()
        } catch let error as PSQLError {
            // PSQLError's own description hides the cause ("Generic description…"): a refused
            // certificate, a wrong password or a missing database must say so.
            throw PostgresStoreError.unreachable(PostgresSession.connectionFailure(error))
        }
        connection.withLock { $0 = made }
        return made
    }
}
