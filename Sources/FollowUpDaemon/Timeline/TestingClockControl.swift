public import FollowUpCore

/// What `POST /v1/testing/clock` may do: move a manual clock forward and wait
/// until the daemon caught up. Only exists when the config enables testing
/// with a manual clock; otherwise the endpoint is not routed at all.
public protocol TestingClockControl: Sendable {
    func advance(to instant: Instant) async throws
}
