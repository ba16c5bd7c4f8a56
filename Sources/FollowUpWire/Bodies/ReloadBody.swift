public import FollowUpCore
public import FollowUpFormats

/// The answer to `POST /v1/rules/reload`: whether the new rules are in force
/// (200; 422 when the old ones keep running), when, and what the reload said.
public struct ReloadBody: WireBody {
    public var ok: Bool
    public var at: Instant
    public var message: String

    public init(ok: Bool, at: Instant, message: String) {
        self.ok = ok
        self.at = at
        self.message = message
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.bool("ok", ok)
        w.instant("at", at)
        w.string("message", message)
    }

    public init(reading o: WireObject) throws(WireError) {
        ok = try o.bool("ok")
        at = try o.instant("at")
        message = try o.string("message")
    }
}
