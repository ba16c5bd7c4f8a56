import FollowUpCore
import FollowUpReports
import Hummingbird
import HummingbirdCore

/// The query of `GET /v1/report?since=&until=&by=` and `GET /dashboard?since=&until=`.
struct ReportParameters {
    var window: ReportWindow
    var grouping: ReportGrouping
    /// `by=hour`: best time to call (``CallHours``) instead of rows of leads.
    var byHour = false

    /// - Parameters:
    ///   - known: the parameters the endpoint takes (`token` is always allowed: the query-string bearer token).
    ///   - defaultSince: the window's start when `since` is absent.
    init(_ parameters: FlatDictionary<Substring, Substring>, known: Set<Substring>, defaultSince: Instant? = nil) throws(APIError) {
        for (name, _) in parameters where !known.contains(name) && name != "token" {
            throw APIError(status: .badRequest,
                           message: "unknown query parameter (one of \(known.sorted().joined(separator: ", ")))", field: String(name))
        }
        window = ReportWindow(since: try Self.instant(parameters, "since") ?? defaultSince,
                              until: try Self.instant(parameters, "until"))
        if let since = window.since, let until = window.until, until <= since {
            throw APIError(status: .badRequest, message: "must be after since", field: "until")
        }
        grouping = .rep
        if parameters["by"] == "hour" {
            byHour = true
        } else if let raw = parameters["by"], !raw.isEmpty {
            guard let g = ReportGrouping(rawValue: String(raw)) else {
                throw APIError(status: .badRequest,
                               message: "unknown grouping \"\(raw)\" (one of \((ReportGrouping.allCases.map(\.rawValue) + ["hour"]).joined(separator: ", ")))",
                               field: "by")
            }
            grouping = g
        }
    }

    private static func instant(_ parameters: FlatDictionary<Substring, Substring>, _ name: Substring) throws(APIError) -> Instant? {
        guard let raw = parameters[name], !raw.isEmpty else { return nil }
        let text = String(raw)  // Hummingbird has percent-decoded it
        guard let instant = RFC3339.parse(text) else {
            throw APIError(status: .badRequest, message: "expected an RFC 3339 time such as 2026-11-24T00:00:00Z, got \"\(text)\"",
                           field: String(name))
        }
        return instant
    }
}
