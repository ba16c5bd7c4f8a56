import FollowUpCore
import Hummingbird
import HummingbirdCore

/// The query of `GET /v1/report?since=&until=&by=` and `GET /dashboard?since=&until=`.
struct ReportParameters {
    var window: ReportWindow
    var grouping: ReportGrouping

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
        if let raw = parameters["by"], !raw.isEmpty {
            guard let g = ReportGrouping(rawValue: String(raw)) else {
                throw APIError(status: .badRequest,
                               message: "unknown grouping \"\(raw)\" (one of \(ReportGrouping.allCases.map(\.rawValue).joined(separator: ", ")))",
                               field: "by")
            }
            grouping = g
        }
    }

    private static func instant(_ parameters: FlatDictionary<Substring, Substring>, _ name: Substring) throws(APIError) -> Instant? {
        guard let raw = parameters[name], !raw.isEmpty else { return nil }
        let text = raw.removingPercentEncodingCompat
        guard let instant = RFC3339.parse(text) else {
            throw APIError(status: .badRequest, message: "expected an RFC 3339 time such as 2026-11-24T00:00:00Z, got \"\(text)\"",
                           field: String(name))
        }
        return instant
    }
}

extension Substring {
    /// `%3A` → `:` (query values may come percent-encoded); the text as is when malformed.
    var removingPercentEncodingCompat: String {
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let b = utf8.popFirst() {
            if b == UInt8(ascii: "%"), utf8.count >= 2,
               let v = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                utf8 = utf8.dropFirst(2)
            } else if b == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
