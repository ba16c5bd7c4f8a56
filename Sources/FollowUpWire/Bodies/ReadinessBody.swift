public import FollowUpFormats

/// Whether the daemon is ready: `GET /healthz` on TCP without a token answers
/// only this (`{"status":"ok","ready":true}`, or `"unavailable"` and false with
/// a 503), and every health answer starts with it.
public struct ReadinessBody: WireBody {
    public var status: String
    public var ready: Bool

    public init(status: String, ready: Bool) {
        self.status = status
        self.ready = ready
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("status", status)
        w.bool("ready", ready)
    }

    public init(reading o: WireObject) throws(WireError) {
        status = try o.string("status")
        ready = try o.bool("ready")
    }
}
