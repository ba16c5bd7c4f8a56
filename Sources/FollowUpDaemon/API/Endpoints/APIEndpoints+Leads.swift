import FollowUpCore
import FollowUpFormats
import FollowUpStore
import Foundation
import Hummingbird
import HTTPTypes
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
        var w = JSONWriter()
        record.writeAPIJSON(to: &w, rules: rules, reader: reader)
        return JSONResponse.make(bytes: w.bytes)
    }

    /// `GET /v1/leads/{id}/events`: what replays the lead — its events, those of
    /// leads merged into it and every rep event — in the order the daemon
    /// applied them; 404 naming `id` for an unknown lead.
    func leadEvents(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try Self.pathParameter("id", of: context)
        guard let events = try await queries.replayEvents(of: id) else {
            throw APIError(status: .notFound, message: "unknown lead \"\(id)\"", field: "id")
        }
        var w = JSONWriter()
        w.beginObject()
        w.string("lead", id)
        w.beginArray("events")
        // Spliced as `GET /v1/leads/{id}` does, so each event keeps the input format's member order.
        for (i, logged) in events.enumerated() {
            if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
            w.bytes.append(contentsOf: logged.apiJSON)
        }
        w.endArray()
        w.endObject()
        return JSONResponse.make(bytes: w.bytes)
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
        return JSONResponse.object { w in
            w.string("lead", erasure.lead)
            w.bool("erased", true)
            w.int("events", erasure.events)
            w.int("notifications", erasure.notifications)
            w.int("timers", erasure.timers)
            w.int("undelivered", erasure.undelivered)
            w.bool("log_emptied", erasure.logEmptied)
        }
    }

    /// `GET /v1/leads?…`: one page of leads in capture order, and where the next page starts.
    func leads(_ request: Request) async throws -> Response {
        let parameters = try LeadListParameters(request.uri.queryParameters, now: clock())
        let page = try await queries.leads(parameters.query)
        let rules = await reports?.rules()
        // Whose clock `followupctl leads` shows times on: the owner asked for, else the team's default zone.
        let owner = try await ownerRep(parameters.query.owner)
        let now = clock()
        return JSONResponse.object { w in
            w.instant("at", now)
            if let rules { w.string("timezone", rules.readerZone(of: owner).identifier) }
            w.beginArray("leads")
            for lead in page.leads { lead.writeAPIJSON(to: &w, rules: rules) }
            w.endArray()
            if let next = page.nextAfter { w.int64("next_after", next) } else { w.null("next_after") }
        }
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
        func write(_ lead: LeadState, _ w: inout JSONWriter) {
            lead.writeQueueJSON(to: &w, now: now, stepRule: lead.step.flatMap { rules?.stepRule($0.number, for: lead) })
        }
        return JSONResponse.object { w in
            w.string("rep", queue.rep)
            w.instant("at", now)
            // The clock the rep reads times on; the times themselves stay UTC.
            if let rules { w.string("timezone", rules.readerZone(of: member.rep).identifier) }
            // Whoever reads the worklist should know first that its owner is away or leaving.
            member.writeAvailabilityJSON(to: &w, now: now)
            w.beginArray("now")
            for lead in queue.now { write(lead, &w) }
            w.endArray()
            w.beginArray("next")
            for lead in queue.next { write(lead, &w) }
            w.endArray()
            w.beginArray("snoozed")
            for lead in queue.snoozed { write(lead, &w) }
            w.endArray()
        }
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
        guard let decoded = raw.removingPercentEncoding, !decoded.isEmpty else {
            throw APIError(status: .badRequest, message: "malformed percent-encoding in the path", field: name)
        }
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw APIError(status: .badRequest, message: "a control character in the path's \(name): no id has one", field: name)
        }
        return decoded
    }
}
