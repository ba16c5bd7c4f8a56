public import FollowUpCore
public import FollowUpFormats

/// The last reload of the rules: when, whether the new rules are in force,
/// and what it said (the problems, `FILE:LINE:COL: …`, when it failed).
public struct LastReloadBody: WireBody {
    public var at: Instant
    public var ok: Bool
    public var message: String

    public init(at: Instant, ok: Bool, message: String) {
        self.at = at
        self.ok = ok
        self.message = message
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.instant("at", at)
        w.bool("ok", ok)
        w.string("message", message)
    }

    public init(reading o: WireObject) throws(WireError) {
        at = try o.instant("at")
        ok = try o.bool("ok")
        message = try o.string("message")
    }
}
