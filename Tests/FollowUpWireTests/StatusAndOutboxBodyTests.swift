import FollowUpCore
@testable import FollowUpWire
import Testing

/// Health and status, the outbox, erasure and reload answers.
@Suite struct StatusAndOutboxBodyTests {
    static let health = HealthBody(readiness: ReadinessBody(status: "ok", ready: true), now: at(),
                                   rulesVersion: "3f2a", lastReload: LastReloadBody(at: at(-5), ok: false, message: "a.yaml:3:1: bad"),
                                   fireLagP99Seconds: 0.25)

    @Test func healthRoundTrips() throws {
        try expectRoundTrip(Self.health)
        try expectRoundTrip(HealthBody(readiness: ReadinessBody(status: "unavailable", ready: false), now: at(),
                                       rulesVersion: nil, lastReload: nil, fireLagP99Seconds: nil))
        try expectRoundTrip(ReadinessBody(status: "ok", ready: true))
    }

    @Test func statusRoundTrips() throws {
        let statistics = StoreStatisticsBody(
            events: 1_234_567_890_123, leads: Dictionary(uniqueKeysWithValues: LeadStatus.allCases.map { ($0, 2) }),
            openLeads: 4, pendingTimers: 9, nextTimerAt: at(3),
            outbox: Dictionary(uniqueKeysWithValues: OutboxState.allCases.map { ($0, 1) }))
        try expectRoundTrip(StatusBody(health: Self.health, statistics: statistics))
    }

    @Test func statusWritesTheHealthMembersFirst() throws {
        let statistics = StoreStatisticsBody(events: 0, leads: [:], openLeads: 0, pendingTimers: 0, nextTimerAt: nil, outbox: [:])
        let text = String(decoding: StatusBody(health: Self.health, statistics: statistics).jsonBytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"status":"ok","ready":true,"now":"2026-11-24T20:00:00Z","rules_version":"3f2a","last_reload":{"at":"2026-11-24T19:55:00Z","ok":false,"#))
        // Every status and state is listed, zero included, so a missing one reads as an error.
        #expect(text.contains(#""leads":{"open":0,"#))
        let trimmed = text.replacing(#""open":0,"#, with: "")
        #expect(try wireError(trimmed, as: StatusBody.self) == Diagnostic(field: "statistics.leads.open", message: "missing"))
    }

    @Test func outboxRoundTrips() throws {
        let row = OutboxRowBody(id: "L1:touch.due:2:1", lead: "L1", kind: .touchDue, at: at(), to: "alice", receiver: "chat",
                                state: .dead, attempts: 8, lastError: "HTTP 500", nextAttemptAt: nil, createdAt: at(),
                                requeuedAt: at(9), deliveredAt: nil, via: "email")
        try expectRoundTrip(OutboxPageBody(notifications: [row]))
        try expectRoundTrip(RequeuedBody(id: row.id, requeued: 2))
        try expectRoundTrip(DroppedBody(id: row.id, dropped: 1))
    }

    @Test func erasureReloadAndClockRoundTrip() throws {
        try expectRoundTrip(ErasureBody(lead: "L1", erased: true, events: 3, notifications: 4, timers: 1, undelivered: 0,
                                        logEmptied: false))
        try expectRoundTrip(ReloadBody(ok: true, at: at(), message: "rules 3f2a in force"))
        try expectRoundTrip(TestingClockBody(now: at(61)))
    }
}
