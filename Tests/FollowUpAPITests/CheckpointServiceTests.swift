import FollowUpCore
import FollowUpDaemon
import FollowUpStore
import FollowUpTestSupport
import Foundation
import Logging
import ServiceLifecycle
import Testing

/// The daemon's checkpoints on a real file: copied while writes go on,
/// compacted once they pause.
@Suite struct CheckpointServiceTests {
    @Test func aLogThatGrewIsGivenBackOnceWritesPause() async throws {
        let directory = try LiveAPI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.sqlite"
        let limit: Int64 = 64 << 10
        let store = try SQLiteLeadStore(path: path, backgroundCheckpoints: true, logLimit: limit, receivers: { _ in [] })
        let engine = Engine(rules: DefaultRules.make())
        let bell = Wakeup()
        let service = CheckpointService(store: store, bell: bell, logger: Logger(label: "test"))
        let start = at("2026-11-24T20:00:00Z")
        // On the tests' own threads, as LiveAPI runs the server: in a full run the cooperative
        // pool can be held for a minute and more by other suites, and the service's 2 s pause with it.
        try await withServerThreads { try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            for batch in 0..<4 {
                let leads = (0..<50).map { index in
                    Event(at: start, body: .leadCaptured(LeadProfile(id: LeadID("L\(batch)-\(index)"), source: "web_form",
                                                                     email: "l\(index)@example.test")))
                }
                _ = try await store.advance(through: leads, source: "test", receivedAt: start, engine: engine)
                bell.ring()
            }
            let grown = store.logSize
            #expect(grown > 4 * limit, "the test needs a log well past its limit")
            // Quiet for CheckpointService.quiet (2 s): compacted within a few seconds.
            let deadline = ContinuousClock.now + .seconds(60)
            while store.logSize > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            #expect(store.logSize == 0, "the log was \(grown) bytes and stayed \(store.logSize)")
            group.cancelAll()
        } }
        try await store.close()
    }
}
