import Foundation
import FollowUpCore
import FollowUpFormats
import FollowUpStore
import FollowUpTestSupport

/// A fresh directory under the system temp folder; `remove()` deletes it.
struct TempDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("followup-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path for a file inside it.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Every notification goes to these two receivers in the tests, so each mints two outbox rows.
let testReceivers: @Sendable (LeadNotification) -> [String] = { _ in ["webhook", "log"] }

/// Drives a store the way the daemon's timeline does, one event per
/// transaction through ``SQLiteLeadStore/advance(through:source:receivedAt:engine:)``
/// (the core's order: the timers due strictly before each event fire first).
struct StoreTimeline {
    let store: any LeadStore & LeadQueries
    let engine: Engine

    init(store: any LeadStore & LeadQueries, rules: Rules) {
        self.store = store
        self.engine = Engine(rules: rules)
    }

    /// Applies events in order; returns every notification, timers' included.
    func apply(_ events: some Sequence<Event>) async throws -> [LeadNotification] {
        var out: [LeadNotification] = []
        for event in events {
            out += try await store.advance(through: [event], source: "test", receivedAt: event.at, engine: engine).notifications
        }
        return out
    }

    /// Fires every timer due before `limit` (or at it, when inclusive).
    func fire(before limit: Instant, inclusive: Bool) async throws -> [LeadNotification] {
        var out: [LeadNotification] = []
        while let fired = try await store.fireNextTimer(dueBy: limit, inclusive: inclusive, engine: engine) {
            out += fired.notifications
        }
        return out
    }

    /// Fires every timer due at or before `until`.
    func run(until: Instant) async throws -> [LeadNotification] {
        try await fire(before: until, inclusive: true)
    }

    /// Every lead, in capture order, read page by page.
    func allLeads(pageSize: Int = 250) async throws -> [LeadState] {
        var out: [LeadState] = []
        var after: Int64?
        repeat {
            let page = try await store.leads(LeadQuery(after: after, limit: pageSize))
            out += page.leads
            after = page.nextAfter
        } while after != nil
        return out
    }
}

/// The in-memory reference: the same engine over ``MemoryWorld``.
func simulate(_ events: [Event], rules: Rules, until: Instant) throws -> (notifications: [LeadNotification], simulation: Simulation) {
    var simulation = Simulation(rules: rules)
    var out: [LeadNotification] = []
    for event in events { try simulation.apply(event) { out += $0.notifications } }
    simulation.run(until: until) { out += $0.notifications }
    return (out, simulation)
}

/// Reads an events file: one event per non-blank line.
func readEvents(_ url: URL) throws -> [Event] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        .filter { !$0.allSatisfy(\.isWhitespace) }
        .map { try EventDecoder.decode(String($0)) }
}

/// The repository's folder and `shared/` beside it.
enum TestPaths {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let repositoryScenarios = repository.appendingPathComponent("Tests/Scenarios")
}

/// A short event literal: `event("2026-11-24T20:00:00Z", .leadStatus(lead: "L1", .won))`.
func event(_ time: String, _ body: Event.Body) -> Event {
    Event(at: at(time), body: body)
}

/// `lead.captured` with the fields the tests vary.
func capture(_ time: String, _ id: LeadID, source: String = "web_form", owner: RepID? = nil,
             email: String? = "x@example.test", team: String? = nil) -> Event {
    var profile = LeadProfile(id: id, source: source, email: email, owner: owner, team: team)
    profile.phone = "+1 555 0100"
    return event(time, .leadCaptured(profile))
}

/// `rep.upserted`.
func upsert(_ time: String, _ id: RepID, team: String = "sales", backup: RepID? = nil) -> Event {
    event(time, .repUpserted(Rep(id: id, name: id.capitalized, email: "\(id)@example.test", team: team, backup: backup)))
}

/// `touch.logged`.
func touch(_ time: String, _ lead: LeadID, by rep: RepID, _ outcome: Outcome = .noAnswer, channel: Channel = .call) -> Event {
    event(time, .touchLogged(Touch(lead: lead, rep: rep, channel: channel, outcome: outcome)))
}
