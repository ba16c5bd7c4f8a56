
/// Whether the daemon is ready: `GET /healthz` on TCP without a token answers
/// only this (`{"status":"ok","ready":true}`, or `"unavailable"` and false with
/// a 503), and every health answer starts with it.
public struct ReadinessBody: WireBody, Codable {
    public var status: String
    public var ready: Bool

    public init(status: String, ready: Bool) {
        self.status = status
        self.ready = ready
    }
}
