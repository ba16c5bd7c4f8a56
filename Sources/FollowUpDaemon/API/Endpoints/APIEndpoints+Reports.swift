import FollowUpCore
import Hummingbird
import HTTPTypes
import NIOCore

extension APIEndpoints {
    /// The dashboard's window when the query gives no `since`: the last eight weeks.
    static let dashboardDefaultWindow = TimeSpan.days(56)
    /// Overdue leads the dashboard lists at most.
    static let dashboardOverdueLimit = 200

    private func reportSource() throws -> ReportSource {
        guard let reports else { throw APIError(status: .notFound, message: "reports are not available on this daemon") }
        return reports
    }

    /// `GET /v1/report?since=&until=&by=`: the follow-up report as JSON (docs/reports.md).
    func report(_ request: Request) async throws -> Response {
        let source = try reportSource()
        let parameters = try ReportParameters(request.uri.queryParameters, known: ["since", "until", "by"])
        let now = clock()
        let facts = try await source.facts.reportFacts(capturedSince: parameters.window.since, before: parameters.window.until)
        let load = try await source.facts.teamLoad()
        let rules = await source.rules()
        let bytes = await BackgroundWork.run {
            var w = JSONWriter()
            Report.make(facts: facts, rules: rules, grouping: parameters.grouping, window: parameters.window, asOf: now,
                        teamLoad: load)
                .writeJSON(to: &w)
            return w.bytes
        }
        return JSONResponse.make(bytes: bytes)
    }

    /// `GET /dashboard?since=&until=`: one self-contained HTML page.
    func dashboard(_ request: Request) async throws -> Response {
        let source = try reportSource()
        let now = clock()
        let parameters = try ReportParameters(request.uri.queryParameters, known: ["since", "until"],
                                              defaultSince: now - Self.dashboardDefaultWindow)
        let facts = try await source.facts.reportFacts(capturedSince: parameters.window.since, before: parameters.window.until)
        let load = try await source.facts.teamLoad()
        let rules = await source.rules()
        let page = try await queries.leads(LeadQuery(overdueAt: now, limit: Self.dashboardOverdueLimit))
        let window = parameters.window
        let html = await BackgroundWork.run {
            let report = Report.make(facts: facts, rules: rules, grouping: .rep, window: window, asOf: now, teamLoad: load)
            let overdue = page.leads.sorted { ($0.step?.deadline ?? now, $0.seq) < ($1.step?.deadline ?? now, $1.seq) }
            return DashboardPage(report: report, overdue: overdue, moreOverdue: page.nextAfter != nil, now: now).html
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        // Nothing external may load: the page is one document with inline CSS and SVG.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// `GET /v1/reps/{id}/calendar.ics`: the rep's upcoming call slots, due touches
    /// and snoozed leads' wake-ups (RFC 5545).
    func calendar(_ request: Request, context: some RequestContext) async throws -> Response {
        let source = try reportSource()
        let rep = try Self.pathParameter("id", of: context)
        guard let member = try await queries.rep(rep) else {
            throw APIError(status: .notFound, message: "unknown rep \"\(rep)\"")
        }
        for (name, _) in request.uri.queryParameters where name != "token" {
            throw APIError(status: .badRequest, message: "unknown query parameter (this endpoint takes none but token)", field: String(name))
        }
        let now = clock()
        let queue = try await queries.queue(for: rep, at: now)
        let rules = await source.rules()
        let text = RepCalendarFeed.make(rep: rep, name: member.rep.name, readerZone: rules.readerZone(of: member.rep),
                                        leads: queue.now + queue.next + queue.snoozed, rules: rules, now: now)
        var headers = HTTPFields()
        headers[.contentType] = "text/calendar; charset=utf-8"
        headers[.contentDisposition] = "inline; filename=\"\(RepCalendarFeed.fileName(for: rep))\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
