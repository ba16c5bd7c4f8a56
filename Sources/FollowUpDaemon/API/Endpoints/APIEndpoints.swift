import FollowUpCore
import FollowUpNotify
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
    /// The manual test clock's control; nil (and the route absent) unless the config enables testing.
    var testing: (any TestingClockControl)? = nil
    /// Reload and preview; nil (the routes answer 404) where the daemon cannot reload.
    var rules: (any RulesControl)? = nil
    /// Where the report, dashboard and calendar read; nil answers them 404.
    var reports: ReportSource? = nil
    /// The outbox for `/v1/outbox`; nil answers 404 there.
    var outbox: (any Outbox)? = nil
    /// `POST /v1/leads/{id}/erase`; nil answers 404 there.
    var eraser: (any LeadEraser)? = nil
    /// `POST /v1/backup`; nil answers 404 there.
    var backups: (any DatabaseBackup)? = nil
    /// Rung after a retry so the delivery lanes pick the rows up at once.
    var deliveryBell: Wakeup? = nil
    /// The dashboard's targets (`dashboard:` in the config).
    var dashboardTargets = DashboardConfig()
    /// Where the dashboard's rows link a lead (`lead_url`); nil: the API's lead record.
    var leadLink: LeadLink? = nil
    /// Each source's cost per month (`sources:` in the config), for ROI in reports.
    var sourceCosts: [String: Amount] = [:]
    /// One API reload at a time, and none within a second of the last.
    let reloadGate = ReloadGate()
}
