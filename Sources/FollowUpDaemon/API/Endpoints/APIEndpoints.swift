import FollowUpCore
import FollowUpRules
import Hummingbird
import Logging

/// The handlers of the API, with what they read and write. One value serves
/// every listener; `source` is what the event log records as the sender.
struct APIEndpoints: Sendable {
    let intake: any EventIntake
    let queries: any LeadQueries
    let health: any DaemonHealth
    let clock: @Sendable () -> Instant
    let maxBodyBytes: Int
    let logger: Logger
}
