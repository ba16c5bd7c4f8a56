import FollowUpCore
import FollowUpFormats
import FollowUpStore
import FollowUpWire
import Foundation
import HTTPTypes
import Hummingbird
import Logging

extension APIEndpoints {
    /// `GET /v1/leads/{id}`: the lead's whole record; 404 for an unknown id.
    func lead(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try Self.pathParameter("id", of: context)
        guard let record = try await queries.lead(id) else {
            throw APIError(status: .notFound, message: "unknown lead \"\(id)\"")
        }
        let rules = await reports?.rules()
        // The clock the lead's owner reads times on (followupctl lead show); the times stay UTC.
        let owner = try await ownerRep(record.state.owner)
        let reader = rules.map { (zone: $0.readerZone(of: owner).identifier, now: clock()) }
        return JSONResponse.body(LeadRecordBody(record, rules: rules, reader: reader))
    }

    /// `GET /v1/leads/{id}/events`: what replays the lead — its events, those of
    /// leads merged into it and every rep event — in the order the daemon
    /// applied them; 404 naming `id` for an unknown lead.
    func leadEvents(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try Self.pathParameter("id", of: context)
        guard let events = try await queries.replayEvents(of: id) else {
            throw APIError(status: .notFound, message: "unknown lead \"\(id)\"", field: "id")
        }
        return JSONResponse.body(LeadEventsBody(lead: id, events: events.map(LoggedEventBody.init)))
    }

    /// `POST /v1/leads/{id}/erase`: removes the lead's personal data (admin scope
    /// on TCP); 404 for an unknown lead. Erasing again is harmless.
    func eraseLead(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try Self.pathParameter("id", of: context)
        guard let eraser else { throw APIError(status: .notFound, message: "this daemon cannot erase leads") }
        guard let erasure = try await eraser.erase(id) else {
            throw APIError(status: .notFound, message: "unknown lead \"\(id)\"", field: "id")
        }
        logger.notice("""
            lead \(id) erased: \(erasure.events) events and \(erasure.notifications) notifications rewritten, \
            \(erasure.timers) timers cancelled, \(erasure.undelivered) undelivered notifications dropped
            """)
        return JSONResponse.body(ErasureBody(lead: erasure.lead, erased: true, events: erasure.events,
                                             notifications: erasure.notifications, timers: erasure.timers,
                                             undelivered: erasure.undelivered, logEmptied: erasure.logEmptied))
    }

    /// `GET /v1/leads?…`: one page of leads in capture order, and where the next page starts.
    func leads(_ request: Request) async throws -> Response {
        let parameters = try LeadListParameters(request.uri.queryParameters, now: clock())
        let page = try await queries.leads(parameters.query)
        let rules = await reports?.rules()
        // Whose clock `followupctl leads` shows times on: the owner asked for, else the team's default zone.
        let owner = try await ownerRep(parameters.query.owner)
        let now = clock()
        return JSONResponse.body(LeadsPageBody(at: now, timezone: rules.map { $0.readerZone(of: owner).identifier },
                                               leads: page.leads.map { LeadBody($0, rules: rules) }, nextAfter: page.nextAfter))
    }

    /// `GET /v1/reps/{id}/queue`: what the rep must do now (most urgent first)
    /// and next, and their snoozed leads (soonest wake-up first), after the rep's
    /// availability; 404 for an unknown rep.
    func queue(_ request: Request, context: some RequestContext) async throws -> Response {
        let rep = try Self.pathParameter("id", of: context)
        guard let member = try await queries.rep(rep) else {
            throw APIError(status: .notFound, message: "unknown rep \"\(rep)\"")
        }
        let now = clock()
        let queue = try await queries.queue(for: rep, at: now)
        let rules = await reports?.rules()
        // Each lead's step as its rule names it (what it asks, on which channel).
        func row(_ lead: LeadState) -> QueueLeadBody {
            QueueLeadBody(lead, now: now, stepRule: lead.step.flatMap { rules?.stepRule($0.number, for: lead) })
        }
        // The clock the rep reads times on; the times themselves stay UTC.
        return JSONResponse.body(QueueBody(
            rep: queue.rep, at: now, timezone: rules.map { $0.readerZone(of: member.rep).identifier },
            standing: RepStandingBody(member, now: now),
            now: queue.now.map(row), next: queue.next.map(row), snoozed: queue.snoozed.map(row)))
    }

    /// The rep whose clock a lead's times are read on; nil for none or an unknown id.
    private func ownerRep(_ id: RepID?) async throws -> Rep? {
        guard let id else { return nil }
        return try await queries.rep(id)?.rep
    }

    /// A path segment captured by the router, percent-decoded (`L%201` is lead `L 1`).
    ///
    /// A control character (`%00`, `%0A` …) is refused: no id an event may
    /// carry has one, and SQLite reads a bound text only up to a NUL, so
    /// `L1%00x` would otherwise show, retry or erase lead `L1`.
    static func pathParameter(_ name: String, of context: some RequestContext) throws -> String {
        let raw = try context.parameters.require(name)
        guard let decoded = PathSegment.decoded(raw), !decoded.isEmpty else {
            throw APIError(status: .badRequest, message: "malformed percent-encoding in the path", field: name)
        }
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw APIError(status: .badRequest, message: "a control character in the path's \(name): no id has one", field: name)
        }
        return decoded
    }
}
