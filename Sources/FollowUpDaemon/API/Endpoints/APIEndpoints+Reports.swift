import FollowUpCore
import FollowUpReports
import FollowUpFormats
import FollowUpRules
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

    /// `GET /v1/report?since=&until=&by=`: the follow-up report as JSON (docs/reports.md);
    /// with `by=hour`, the connect rate of calls by the lead's weekday and hour.
    func report(_ request: Request) async throws -> Response {
        let source = try reportSource()
        let parameters = try ReportParameters(request.uri.queryParameters, known: ["since", "until", "by"])
        let now = clock()
        let rules = await source.rules()
        // Best time to call shows no team load: not counted for it.
        let load = parameters.byHour ? [] : try await source.facts.teamLoad()
        let costs = sourceCosts
        // The group rows when the store keeps them (O(groups) rows); else one row per lead; else the full scan.
        let dimensions = parameters.byHour ? [] : [ReportDimension.all, ReportDimension(parameters.grouping)]
        let read = parameters.byHour ? ReportDimension.readByHour : ReportDimension.read(by: parameters.grouping)
        if let groups = try await source.facts.reportGroups(window: parameters.window, asOf: now, reading: read,
                                                            percentilesBy: dimensions, rules: rules) {
            let bytes = await BackgroundWork.run {
                var w = JSONWriter()
                if parameters.byHour {
                    CallHours.make(groups: groups, rules: rules).writeJSON(window: parameters.window, asOf: now, to: &w)
                    return w.bytes
                }
                Report.make(groups: groups, grouping: parameters.grouping, window: parameters.window, asOf: now,
                            teamLoad: load, sourceCosts: costs)
                    .writeJSON(to: &w)
                return w.bytes
            }
            return JSONResponse.make(bytes: bytes)
        }
        if let contributions = try await source.facts.reportContributions(
            capturedSince: parameters.window.since, before: parameters.window.until, rules: rules) {
            let bytes = await BackgroundWork.run {
                var w = JSONWriter()
                if parameters.byHour {
                    CallHours.make(contributions: contributions, rules: rules).writeJSON(window: parameters.window, asOf: now, to: &w)
                    return w.bytes
                }
                Report.make(contributions: contributions, grouping: parameters.grouping, window: parameters.window, asOf: now,
                            teamLoad: load, sourceCosts: costs)
                    .writeJSON(to: &w)
                return w.bytes
            }
            return JSONResponse.make(bytes: bytes)
        }
        let facts = try await source.facts.reportFacts(capturedSince: parameters.window.since, before: parameters.window.until)
        let bytes = await BackgroundWork.run {
            var w = JSONWriter()
            if parameters.byHour {
                CallHours.make(facts: facts, rules: rules).writeJSON(window: parameters.window, asOf: now, to: &w)
                return w.bytes
            }
            Report.make(facts: facts, rules: rules, grouping: parameters.grouping, window: parameters.window, asOf: now,
                        teamLoad: load, sourceCosts: costs)
                .writeJSON(to: &w)
            return w.bytes
        }
        return JSONResponse.make(bytes: bytes)
    }

    /// `GET /dashboard?team=&rep=&source=&since=&until=&refresh=`: one
    /// self-contained HTML page (``DashboardPage``); errors are pages too
    /// (``DashboardErrorPage``, rendered by the error middleware).
    func dashboard(_ request: Request) async throws -> Response {
        let source = try reportSource()
        let now = clock()
        let rules = await source.rules()
        let roster = try await queries.roster()
        let parameters = request.uri.queryParameters
        // Whose clock: the rep filtered on, else the team's default zone (as `queue`).
        let repFilter = parameters["rep"].flatMap { raw in roster.first { $0.member.rep.id == raw }?.member.rep }
        if let raw = parameters["rep"], !raw.isEmpty, repFilter == nil {
            throw APIError(status: .badRequest, message: "unknown rep \"\(raw)\"", field: "rep")
        }
        let zone = rules.readerZone(of: repFilter)
        let query = try DashboardQuery(parameters, now: now, zone: zone, defaultSince: now - Self.dashboardDefaultWindow)
        let teams = Set(roster.compactMap(\.member.rep.team) + rules.routing.teams.map(\.team) + [rules.routing.defaultTeam]).sorted()
        if let team = query.team, !teams.contains(team) {
            throw APIError(status: .badRequest, message: "unknown team \"\(team)\" (one of \(teams.joined(separator: ", ")))", field: "team")
        }
        // Unfiltered: the group rows. A team, rep or source filter crosses dimensions the rows do not
        // (docs/reports.md, "Cost"): one row per lead of the window, else the full scan.
        let groups = query.narrows ? nil
            : try await source.facts.reportGroups(window: query.window, asOf: now,
                                                  reading: ReportDimension.read(by: .rep).union(ReportDimension.readByHour),
                                                  percentilesBy: [.all, .rep], rules: rules)
        let kept = groups != nil ? []
            : try await source.facts.reportContributions(capturedSince: query.since, before: query.until, rules: rules)
        let allFacts = kept == nil ? try await source.facts.reportFacts(capturedSince: query.since, before: query.until) : []
        let load = try await source.facts.teamLoad()
        let page = try await queries.leads(LeadQuery(owner: query.rep, overdueAt: now, limit: Self.dashboardOverdueLimit))
        let names = RepNames(roster: roster)
        let links = DashboardLinks(leadURL: leadLink, token: parameters["token"].map(String.init), query: query)
        let targets = dashboardTargets
        let costs = sourceCosts
        let html = await BackgroundWork.run {
            let teamLoad = query.team.map { team in load.filter { $0.label == team } } ?? load
            let report: Report
            let callHours: CallHours
            let sources: [String]
            if let groups {
                report = Report.make(groups: groups, grouping: .rep, window: query.window, asOf: now, teamLoad: teamLoad,
                                     sourceCosts: costs)
                callHours = CallHours.make(groups: groups, rules: rules)
                sources = groups.sourceKeys
            } else if let kept {
                let contributions = query.narrows ? kept.filter { query.admits($0) } : kept
                report = Report.make(contributions: contributions, grouping: .rep, window: query.window, asOf: now,
                                     teamLoad: teamLoad, sourceCosts: costs)
                callHours = CallHours.make(contributions: contributions, rules: rules)
                sources = Set(kept.map(\.source)).sorted()
            } else {
                let facts = query.narrows ? allFacts.filter { query.admits($0.lead) } : allFacts
                report = Report.make(facts: facts, rules: rules, grouping: .rep, window: query.window, asOf: now, teamLoad: teamLoad,
                                     sourceCosts: costs)
                callHours = CallHours.make(facts: facts, rules: rules)
                sources = Set(allFacts.map(\.lead.profile.source)).sorted()
            }
            let overdue = page.leads.filter { query.admits($0) }
                .sorted { ($0.step?.deadline ?? now, $0.seq) < ($1.step?.deadline ?? now, $1.seq) }
            let form = DashboardFilterForm(query: query, teams: teams, reps: roster.map(\.member.rep.id),
                                           sources: sources, names: names, zone: zone, token: links.token)
            return DashboardPage(report: report, overdue: overdue, moreOverdue: page.nextAfter != nil, rules: rules,
                                 clock: ReaderClock(zone: zone, now: now), targets: targets, names: names, links: links,
                                 form: form, callHours: callHours).html
        }
        return Response(status: .ok, headers: DashboardPage.headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
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
