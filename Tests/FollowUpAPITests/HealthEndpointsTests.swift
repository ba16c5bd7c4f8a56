import FollowUpCore
import FollowUpTestSupport
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
            #expect(down["status"] == .string("unavailable"))
            #expect(down.header("Content-Type") == "application/json")
        }
    }

    @Test("status adds the store's counts")
    func status() async throws {
        try await LiveAPI.run { api in
            _ = try await api.unix.post("/v1/events", Fixtures.array(Fixtures.alice, Fixtures.capture("L1")))
            let reply = try await api.unix.get("/v1/status")
            #expect(reply.status == 200)
            let statistics = try #require(reply["statistics"])
            #expect(statistics["events"] == .number("2"))
            #expect(statistics["leads"]?["open"] == .number("1"))
            #expect(statistics["leads"]?["won"] == .number("0"))
            #expect(statistics["open_leads"] == .number("1"))
            #expect(statistics["pending_timers"] == .number("1"))
            #expect(statistics["next_timer_at"] == .string("2026-11-24T20:05:00Z"))
            #expect(statistics["outbox"]?["pending"] == .number("1"))
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
