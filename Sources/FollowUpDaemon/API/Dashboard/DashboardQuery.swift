import FollowUpCore
import FollowUpReports
import Hummingbird
import HummingbirdCore

/// The query of `GET /dashboard`: which leads (`team`, `rep`, `source`), which
/// capture window (`since`, `until`) and whether the page reloads itself
/// (`refresh`, seconds). A bad value is an ``APIError`` naming the parameter,
/// which the dashboard shows as a page.
///
/// `since` and `until` take an RFC 3339 time, a date (`2026-12-09`: midnight
/// on the reader's clock; `until` a date means to the end of that day) or a
/// span back from now (`30d`, `2w`, `12h`).
struct DashboardQuery: Sendable, Hashable {
    var team: String?
    var rep: RepID?
    var source: String?
    var since: Instant?
    var until: Instant?
    /// Seconds between reloads; nil: the page stays as it is.
    var refresh: Int?

    static let known: Set<Substring> = ["team", "rep", "source", "since", "until", "refresh"]
    /// Reloads at most this often, so an open screen does not load the daemon.
    static let shortestRefresh = 10

    /// - Parameters:
    ///   - zone: the reader's clock, which a bare date is read on.
    ///   - defaultSince: the window's start when `since` is absent.
    init(_ parameters: FlatDictionary<Substring, Substring>, now: Instant, zone: ZoneRules,
         defaultSince: Instant) throws(APIError) {
        for (name, _) in parameters where !Self.known.contains(name) && name != "token" {
            throw APIError(status: .badRequest,
                           message: "unknown query parameter (one of \(Self.known.sorted().joined(separator: ", ")))",
                           field: String(name))
        }
        team = Self.text(parameters, "team")
        rep = Self.text(parameters, "rep")
        source = Self.text(parameters, "source")
        since = try Self.time(parameters, "since", now: now, zone: zone, endOfDay: false) ?? defaultSince
        until = try Self.time(parameters, "until", now: now, zone: zone, endOfDay: true)
        if let since, let until, until <= since {
            throw APIError(status: .badRequest, message: "must be after since", field: "until")
        }
        if let raw = Self.text(parameters, "refresh") {
            guard raw.count <= 6, raw.allSatisfy({ ("0"..."9").contains($0) }), let seconds = Int(raw), seconds >= Self.shortestRefresh else {
                throw APIError(status: .badRequest,
                               message: "expected whole seconds, at least \(Self.shortestRefresh) (e.g. refresh=60), got \"\(raw)\"",
                               field: "refresh")
            }
            refresh = seconds
        }
    }

    /// The window's leads are captured in.
    var window: ReportWindow { ReportWindow(since: since, until: until) }

    /// Whether any of team, rep or source narrows the leads.
    var narrows: Bool { team != nil || rep != nil || source != nil }

    /// Whether `lead` passes the team, rep and source filters.
    func admits(_ lead: LeadState) -> Bool {
        (team == nil || lead.team == team) && (rep == nil || lead.owner == rep) && (source == nil || lead.profile.source == source)
    }

    /// ``admits(_:)`` for a lead's stored report contribution (its owner, team and source now).
    func admits(_ c: LeadContribution) -> Bool {
        (team == nil || c.team == team) && (rep == nil || c.owner == rep) && (source == nil || c.source == source)
    }

    private static func text(_ parameters: FlatDictionary<Substring, Substring>, _ name: Substring) -> String? {
        guard let raw = parameters[name], !raw.isEmpty else { return nil }
        return String(raw)  // Hummingbird has percent-decoded it
    }

    private static func time(_ parameters: FlatDictionary<Substring, Substring>, _ name: Substring, now: Instant,
                             zone: ZoneRules, endOfDay: Bool) throws(APIError) -> Instant? {
        guard let text = Self.text(parameters, name) else { return nil }
        if let instant = RFC3339.parse(text) { return instant }
        if text.utf8.count == 10, let date = CivilDate(parsing: Substring(text)) {
            return zone.instant(LocalDateTime(date: endOfDay ? date.next : date, secondOfDay: 0))
        }
        if let last = text.last, let unit = ["h": Int64(3_600), "d": 86_400, "w": 604_800][String(last)] {
            let digits = text.dropLast()
            if !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ ("0"..."9").contains($0) }), let count = Int64(digits), count >= 1 {
                return now - TimeSpan(seconds: count * unit)
            }
        }
        throw APIError(status: .badRequest,
                       message: "expected a date (2026-12-09), an RFC 3339 time (2026-12-09T00:00:00Z) or a span back from now (30d, 2w, 12h), got \"\(text)\"",
                       field: String(name))
    }
}
