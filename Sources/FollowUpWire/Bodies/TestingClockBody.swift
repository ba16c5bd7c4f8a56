public import FollowUpCore

/// `POST /v1/testing/clock`'s request and answer: the manual test clock's new now.
public struct TestingClockBody: WireBody, Codable {
    public var now: Instant

    public init(now: Instant) {
        self.now = now
    }
}
