import FollowUpCore
import FollowUpTestSupport
import FollowUpWire
import Testing

@Suite("Health, status and metrics")
struct HealthEndpointsTests {
    @Test("healthz is 200 with the snapshot when ready, 503 when not")
    func healthz() async throws {
        try await LiveAPI.run { api in
            let ok = try await api.unix.get("/healthz")
            #expect(ok.status == 200)
            #expect(ok.body == #"{"status":"ok","ready":true,"now":"2026-11-24T19:00:00Z","rules_version":"test-rules","last_reload":{"at":"2026-11-24T19:00:00Z","ok":true,"message":"loaded 4 files"},"fire_lag_p99_seconds":0.25}"#)
            await api.daemon.setReady(false)
            let down = try await api.unix.get("/healthz")
            #expect(down.status == 503)
            #expect(try down.body(HealthBody.self).readiness == ReadinessBody(status: "unavailable", ready: false))
            #expect(down.header("Content-Type") == "application/json")
        }
    }

    @Test("status adds the store's counts")
    func status() async throws {
        try await LiveAPI.run { api in
            _ = try await api.unix.post("/v1/events", Fixtures.array(Fixtures.alice, Fixtures.capture("L1")))
            let reply = try await api.unix.get("/v1/status")
            #expect(reply.status == 200)
            let statistics = try reply.body(StatusBody.self).statistics
            #expect(statistics.events == 2)
            #expect(statistics.leads[.open] == 1)
            #expect(statistics.leads[.won] == 0)
            #expect(statistics.openLeads == 1)
            #expect(statistics.pendingTimers == 1)
            #expect(statistics.nextTimerAt == at("2026-11-24T20:05:00Z"))
            #expect(statistics.outbox[.pending] == 1)
        }
    }

    @Test("metrics are Prometheus text")
    func metrics() async throws {
        try await LiveAPI.run { api in
            let reply = try await api.unix.get("/metrics")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(reply.body.contains("followup_events_total 0\n"))
        }
    }
}
