public import FollowUpCore

/// The answer to `POST /v1/rules/reload`: whether the new rules are in force
/// (200; 422 when the old ones keep running), when, and what the reload said.
public struct ReloadBody: WireBody, Codable {
    public var ok: Bool
    public var at: Instant
    public var message: String

    public init(ok: Bool, at: Instant, message: String) {
        self.ok = ok
        self.at = at
        self.message = message
    }
}
