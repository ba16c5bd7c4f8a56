import FollowUpCore
import Hummingbird
import HummingbirdCore
import HTTPTypes

/// The query of `GET /v1/leads?owner=&status=&overdue=true&after=&limit=`,
/// checked so a typo is a 400 naming the parameter rather than a silently
/// unfiltered list.
struct LeadListParameters {
    /// Pages are at most this long, so one request cannot read the whole store.
    static let maxLimit = 1_000
    static let known: Set<Substring> = ["owner", "status", "overdue", "after", "limit"]

    var query: LeadQuery

    /// - Parameter now: the daemon's now, which `overdue=true` compares deadlines with.
    init(_ parameters: FlatDictionary<Substring, Substring>, now: Instant) throws(APIError) {
        query = LeadQuery()
        for (name, _) in parameters where !Self.known.contains(name) {
            throw APIError(status: .badRequest, message: "unknown query parameter (one of owner, status, overdue, after, limit)",
                           field: String(name))
        }
        if let owner = parameters["owner"], !owner.isEmpty { query.owner = CanonicalText.normalized(String(owner)) }
        if let raw = parameters["status"], !raw.isEmpty {
            guard let status = LeadStatus(rawValue: String(raw)) else {
                let known = LeadStatus.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError(status: .badRequest, message: "unknown status \"\(raw)\" (one of \(known))", field: "status")
            }
            query.status = status
        }
        if let raw = parameters["overdue"], !raw.isEmpty {
            switch raw {
            case "true": query.overdueAt = now
            case "false": break
            default: throw APIError(status: .badRequest, message: "must be true or false, got \"\(raw)\"", field: "overdue")
            }
        }
        if let raw = parameters["after"], !raw.isEmpty {
            guard let after = Int64(raw), after >= 0 else {
                throw APIError(status: .badRequest, message: "must be a non-negative integer (a next_after value), got \"\(raw)\"",
                               field: "after")
            }
            query.after = after
        }
        if let raw = parameters["limit"], !raw.isEmpty { query.limit = try LimitParameter.parse(raw, max: Self.maxLimit) }
    }
}
