public import FollowUpCore
public import FollowUpFormats

/// `POST /v1/testing/clock`'s request and answer: the manual test clock's new now.
public struct TestingClockBody: WireBody {
    public var now: Instant

    public init(now: Instant) {
        self.now = now
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.instant("now", now)
    }

    public init(reading o: WireObject) throws(WireError) {
        now = try o.instant("now")
    }
}
