import FollowUpCore
import Testing

/// Routing at mint time, backoff, dead letters by age, and when the fallback takes over: pure values.
@Suite struct DeliveryPolicyTests {
    static let t0 = Instant(secondsSinceEpoch: 1_800_000_000)
    static func notification(_ kind: NotificationKind) -> LeadNotification {
        LeadNotification(id: "L1:\(kind.rawValue):1:1", at: t0, kind: kind, lead: "L1", to: "alice", recipient: .rep)
    }

    @Test func firstMatchingRouteWinsAndNoMatchGoesEverywhere() {
        let routes = NotificationRoutes(routes: [
            NotificationRoute(kinds: [.slaBreached], priorities: ["high"], receivers: ["pager"]),
            NotificationRoute(kinds: [.slaBreached, .touchDue], teams: ["enterprise"], receivers: ["crm"]),
            NotificationRoute(kinds: [.leadAcknowledgement], receivers: ["mail"]),
        ], everyReceiver: ["log", "crm", "pager", "mail"])
        #expect(routes.receivers(of: Self.notification(.slaBreached), facts: RouteFacts(priority: "high", team: "enterprise")) == ["pager"])
        #expect(routes.receivers(of: Self.notification(.slaBreached), facts: RouteFacts(priority: "low", team: "enterprise")) == ["crm"])
        #expect(routes.receivers(of: Self.notification(.leadAcknowledgement), facts: RouteFacts()) == ["mail"])
        #expect(routes.receivers(of: Self.notification(.touchDue), facts: RouteFacts(priority: "low", team: nil))
                == ["log", "crm", "pager", "mail"])
    }

    @Test func backoffDoublesWithJitterUpToTheCap() {
        let backoff = RetryBackoff(base: TimeSpan(seconds: 1), cap: TimeSpan(seconds: 60))
        #expect((1...8).map { backoff.wait(after: $0, jitter: 1).seconds } == [1, 2, 4, 8, 16, 32, 60, 60])
        #expect(backoff.wait(after: 4, jitter: 0.8).seconds == 6)
        #expect(backoff.wait(after: 4, jitter: 1.2).seconds == 10)
        #expect(backoff.wait(after: 40, jitter: 1.2).seconds == 72)
        #expect(backoff.wait(after: 1, jitter: 0.5).seconds == 1)
    }

    @Test func tooOldIsADeadLetter() {
        let policy = DeliveryPolicy(backoff: RetryBackoff(), deadLetterAfter: .hours(1))
        #expect(policy.retryAt(attempts: 1, queuedAt: Self.t0, now: Self.t0 + .minutes(59), jitter: 1) == Self.t0 + .minutes(59) + TimeSpan(seconds: 1))
        #expect(policy.retryAt(attempts: 9, queuedAt: Self.t0, now: Self.t0 + .hours(1), jitter: 1) == nil)
    }

    @Test func fallbackAfterFailingLongEnoughButNotForItself() {
        let policy = DeliveryPolicy(fallbackAfter: .minutes(5), fallback: "log")
        #expect(!policy.fallsBack(receiver: "crm", failingSince: nil, now: Self.t0))
        #expect(!policy.fallsBack(receiver: "crm", failingSince: Self.t0, now: Self.t0 + .minutes(4)))
        #expect(policy.fallsBack(receiver: "crm", failingSince: Self.t0, now: Self.t0 + .minutes(5)))
        #expect(!policy.fallsBack(receiver: "log", failingSince: Self.t0, now: Self.t0 + .hours(1)))
    }
}
