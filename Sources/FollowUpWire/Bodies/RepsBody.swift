public import FollowUpCore

/// The answer to `GET /v1/reps`: the whole roster in roster order, at `at`.
public struct RepsBody: WireBody, Codable {
    public var at: Instant
    public var reps: [RepBody]

    public init(at: Instant, reps: [RepBody]) {
        self.at = at
        self.reps = reps
    }
}
