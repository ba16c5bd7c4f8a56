import FollowUpCore
import FollowUpDaemon
@testable import FollowUpRules
import FollowUpTestSupport
import Foundation
import Logging
import ServiceLifecycle
import Testing

/// The whole daemon as a `Service` in this test process: a real SQLite file,
/// the real listeners, and a graceful shutdown the test triggers itself — no
/// signal, no subprocess.
@Suite("Daemon as a Service")
struct DaemonServiceTests {
    @Test("an event posted over the socket survives a graceful shutdown that closes the database cleanly")
    func gracefulShutdownClosesTheDatabase() async throws {
        let config = try Self.config()
        try await Self.running(config) { client in
            let posted = try await client.post("/v1/events", Fixtures.array(Fixtures.alice, Fixtures.capture("L1")))
            #expect(posted.status == 200, "\(posted.body)")
        }
        // Closed cleanly: the final TRUNCATE checkpoint moved the write-ahead log into the file and emptied it.
        let wal = try #require(try FileManager.default.attributesOfItem(atPath: config.database + "-wal")[.size] as? Int)
        #expect(wal == 0, "the WAL holds \(wal) bytes after a graceful shutdown")
        // The store lock was let go (a second daemon starts) and the lead is in the file.
        try await Self.running(config) { client in
            let lead = try await client.get("/v1/leads/L1")
            #expect(lead.status == 200, "\(lead.body)")
        }
    }

    @Test("a reload whose re-plan fails changes nothing: the new rules' reps do not join, the old rules stay in force")
    func aFailedReloadLeavesTheRosterAsItWas() async throws {
        var config = try Self.config()
        // A copy of the shipped rules the test can add a rep to.
        let rules = (config.database as NSString).deletingLastPathComponent + "/rules.d"
        try FileManager.default.copyItem(atPath: config.rules, toPath: rules)
        config.rules = rules
        let database = config.database
        try await Self.running(config) { client in
            let posted = try await client.post("/v1/events", Fixtures.array(Fixtures.alice, Fixtures.capture("L1"), Fixtures.capture("L2")))
            #expect(posted.status == 200, "\(posted.body)")
            // A damaged lead row: the re-plan reads it, after the roster merge, and fails.
            let damage = try Subprocess.run("/usr/bin/sqlite3", ["-cmd", ".timeout 5000", database, "UPDATE leads SET had = 'not json' WHERE id = 'L2'"], directory: nil)
            #expect(damage.status == 0, "\(damage.stderr)")
            try "reps:\n  - id: zed\n    name: Zed\n    team: sales\n".write(toFile: rules + "/50-reps.yaml", atomically: true, encoding: .utf8)
            let reload = try await client.post("/v1/rules/reload", "")
            #expect(reload.status == 422, "\(reload.body)")
            let reps = try await client.get("/v1/reps")
            #expect(reps.status == 200)
            #expect(!reps.body.contains("zed"), "the failed reload's rep joined the team: \(reps.body)")
        }
    }

    /// A config on a fresh directory: one Unix socket, the shipped rules, a manual clock so no timer fires.
    static func config() throws -> DaemonConfig {
        var config = try LiveAPI.config()
        config.testing = TestingConfig(enabled: true, clockStart: at("2026-11-24T20:01:00Z"), manualClock: true)
        return config
    }

    /// Runs a ``Daemon`` in a `ServiceGroup` on ``ServerThreads``, waits until it is ready, runs `body`, then
    /// shuts the group down gracefully and waits for ``Daemon/run()`` to return.
    static func running(_ config: DaemonConfig, _ body: @Sendable (APIClient) async throws -> Void) async throws {
        try await withServerThreads { try await serve(config, body) }
    }

    private static func serve(_ config: DaemonConfig, _ body: @Sendable (APIClient) async throws -> Void) async throws {
        var logger = Logger(label: "followupd.service.test")
        logger.logLevel = .warning
        let rules = try RuleSet.load(directory: config.rules)
        let group = ServiceGroup(configuration: .init(services: [Daemon(config: config, rules: rules, logger: logger)],
                                                      logger: logger))
        guard case .unix(let socket) = config.listen[0] else { throw APIStartupError(message: "no Unix socket") }
        let client = APIClient(base: .unix(socket))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                try await Self.waitUntilReady(client)
                try await body(client)
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// Generous for a loaded runner; the daemon no longer shares the cooperative pool with CPU-bound suites.
    static func waitUntilReady(_ client: APIClient) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let reply = try? await client.get("/healthz"), reply.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw APIStartupError(message: "the daemon was not ready within 60 s")
    }
}
