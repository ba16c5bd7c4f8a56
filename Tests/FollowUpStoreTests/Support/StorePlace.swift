import Foundation
import FollowUpCore
import FollowUpReports
import FollowUpStore
import FollowUpPostgres
import FollowUpTestSupport
import Synchronization

/// A store the shared store tests look inside (its timer rows and committed
/// team) besides what the ports show.
protocol InspectedStore: LeadStore, LeadQueries, Outbox, ReportQueries, LeadErasing, HistoryPruning {
    func allTimers() async throws -> [LeadTimer]
    var team: TeamState { get async throws }
    func seedRoster(_ reps: [Rep]) async throws
}

extension SQLiteLeadStore: InspectedStore {}
extension PostgresLeadStore: InspectedStore {}

/// Where a store under test keeps its data: a SQLite file in a temporary
/// directory, or a database of its own in the process's ``PostgresCluster``.
/// Opening the place again finds the same data (a restart).
enum StorePlace: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres

    var description: String { rawValue }

    /// A new, empty place; each notification goes to `routing`'s receivers.
    func make(routing: @escaping @Sendable (LeadNotification, RouteFacts) -> [String] = { notification, _ in
        testReceivers(notification)
    }) async throws -> PlacedStore {
        switch self {
        case .sqlite:
            let dir = try TempDirectory()
            let path = dir.path("state.sqlite")
            return PlacedStore(open: { try SQLiteLeadStore(path: path, routing: routing) }, remove: dir.remove,
                               strings: { try RawSQL.strings($0, onFileAt: path) })
        case .postgres:
            let cluster = try await PostgresCluster.shared()
            let database = try cluster.makeDatabase()
            // Every store opened here is closed at the end: a connection dropped unclosed traps in PostgresNIO.
            let opened = Mutex<[PostgresLeadStore]>([])
            return PlacedStore(open: {
                let store = try PostgresLeadStore(url: database.url, routing: routing)
                opened.withLock { $0.append(store) }
                try await store.open()
                return store
            }, remove: {
                let stores = opened.withLock { $0 }
                Task { for store in stores { try? await store.close() } }
            }, strings: { sql in
                try cluster.psql(database.name, sql).split(separator: "\n").map(String.init)
            })
        }
    }
}

/// A place with no store open yet: what opens one on it (again and again),
/// what removes it, and the text rows of a query run behind the stores' backs.
struct PlacedStore: Sendable {
    let open: @Sendable () async throws -> any InspectedStore
    let remove: @Sendable () -> Void
    let strings: @Sendable (String) throws -> [String]
}
