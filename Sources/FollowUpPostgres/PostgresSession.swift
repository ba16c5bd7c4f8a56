import Logging
import NIOCore
import PostgresNIO

/// One connection used synchronously, on the writer's own thread: the engine's
/// world is synchronous (``FollowUpCore/EngineWorld``), so its reads block
/// here on the connection's event loop, never on the cooperative pool.
/// Counts the statements it sends, so a batch's cost can be checked.
final class PostgresSession {
    let connection: PostgresConnection
    let logger: Logger
    /// Statements sent since the session began.
    private(set) var statements = 0

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Runs `query` and returns its rows; blocks this (non-event-loop) thread.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        statements += 1
        // A query on a connection the server has closed never completes in PostgresNIO (its
        // promise is dropped): a session ended for idling in a transaction would hang here.
        guard !connection.isClosed else {
            throw PostgresStoreError.statement(Self.words(query), reason: "the server closed the connection")
        }
        do {
            return try connection.query(query, logger: logger).wait()
        } catch let error as PSQLError {
            throw Self.explained(error, query)
        }
    }

    /// A ``PostgresStoreError/statement(_:reason:)`` naming the statement and
    /// what the server said (`23505 duplicate key value violates unique constraint "…"`).
    static func explained(_ error: PSQLError, _ query: PostgresQuery) -> PostgresStoreError {
        let words = Self.words(query)
        guard let info = error.serverInfo else {
            return .statement(words, reason: "\(error.code)" + (error.underlying.map { ": \($0)" } ?? ""))
        }
        let state = info[.sqlState].map { $0 + " " } ?? ""
        return .statement(words, reason: state + (info[.message] ?? "\(error.code)"))
    }

    /// The statement's first words, to name it in an error.
    static func words(_ query: PostgresQuery) -> String {
        query.sql.split(whereSeparator: \.isWhitespace).prefix(4).joined(separator: " ")
    }

    /// Why connecting failed, in the server's words when it answered
    /// (`28P01 password authentication failed for user "x"`), else the socket's
    /// (`connection refused`). Never the URL: the caller names the place, its password masked.
    static func connectionFailure(_ error: PSQLError) -> String {
        if let info = error.serverInfo {
            return (info[.sqlState].map { $0 + " " } ?? "") + (info[.message] ?? "\(error.code)")
        }
        return error.underlying.map { "\($0)" } ?? "\(error.code)"
    }

    /// The first column of every row, as text (JSON rows are selected as `row_to_json(...)::text`).
    func texts(_ query: PostgresQuery) throws -> [String] {
        try self.query(query).map { try $0.decode(String.self) }
    }

    /// The first column of the first row.
    func scalar<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type) throws -> T? where T._DecodableType == T {
        guard let row = try self.query(query).first else { return nil }
        return try row.decode(T?.self)
    }
}
