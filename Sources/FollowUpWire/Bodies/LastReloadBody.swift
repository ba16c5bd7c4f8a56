public import FollowUpCore

/// The last reload of the rules: when, whether the new rules are in force,
/// and what it said (the problems, `FILE:LINE:COL: …`, when it failed).
public struct LastReloadBody: WireBody, Codable {
    public var at: Instant
    public var ok: Bool
    public var message: String

    public init(at: Instant, ok: Bool, message: String) {
        self.at = at
        self.ok = ok
        self.message = message
    }
}
