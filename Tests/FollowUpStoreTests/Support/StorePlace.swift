import Foundation
import FollowUpCore
import FollowUpStore
import FollowUpPostgres
import FollowUpTestSupport
import Synchronization

/// A store the differential tests look inside (its timer rows and committed
/// team) besides what the ports show.
protocol InspectedStore: LeadStore, LeadQueries {
    func allTimers() async throws -> [LeadTimer]
    var team: TeamState { get throws }
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

    /// A new, empty place: what opens a store on it (again and again) and what removes it.
    func make() async throws -> (open: @Sendable () async throws -> any InspectedStore, remove: @Sendable () -> Void) {
        switch self {
        case .sqlite:
            let dir = try TempDirectory()
            let path = dir.path("state.sqlite")
            return ({ try SQLiteLeadStore(path: path, receivers: testReceivers) }, dir.remove)
        case .postgres:
            let url = try await PostgresCluster.shared().makeDatabase().url
            // Every store opened here is closed at the end: a connection dropped unclosed traps in PostgresNIO.
            let opened = Mutex<[PostgresLeadStore]>([])
            return ({
                let store = try PostgresLeadStore(url: url, routing: { notification, _ in testReceivers(notification) })
                opened.withLock { $0.append(store) }
                try await store.open()
                return store
            }, {
                let stores = opened.withLock { $0 }
                Task { for store in stores { try? await store.close() } }
            })
        }
    }
}
