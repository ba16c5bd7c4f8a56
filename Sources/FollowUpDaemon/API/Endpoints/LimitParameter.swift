import HTTPTypes

/// The `limit` query parameter every paged or listing endpoint takes.
enum LimitParameter {
    /// `raw` as a whole number from 1 to `max`, or a 400 naming `limit`.
    static func parse(_ raw: some StringProtocol, max: Int) throws(APIError) -> Int {
        guard let limit = Int(raw), (1...max).contains(limit) else {
            throw APIError(status: .badRequest, message: "must be an integer from 1 to \(max), got \"\(raw)\"",
                           field: "limit")
        }
        return limit
    }
}
