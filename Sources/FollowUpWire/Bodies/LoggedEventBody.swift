public import FollowUpCore
public import FollowUpFormats

/// One row of the event log as the API shows it: its sequence number, who
/// sent it, when it arrived, and the event as received (input format).
public struct LoggedEventBody: WireBody {
    public var seq: Int64
    public var source: String
    public var receivedAt: Instant
    public var event: Event

    /// One row of the event log; the event keeps the input format's member order.
    public init(_ logged: LoggedEvent) {
        seq = logged.seq
        source = logged.source
        receivedAt = logged.receivedAt
        event = logged.event
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.int64("seq", seq)
        w.string("source", source)
        w.instant("received_at", receivedAt)
        event.write(to: &w, key: "event")
    }

    public init(reading o: WireObject) throws(Diagnostic) {
        seq = try o.member("seq")
        source = try o.member("source")
        receivedAt = try o.member("received_at")
        event = try o.event("event")
    }
}
