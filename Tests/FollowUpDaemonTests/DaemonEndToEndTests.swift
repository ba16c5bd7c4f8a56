import Foundation
import Testing
import FollowUpTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The real followupd binary, its real SQLite file and Unix socket, real signals.
@Suite(.serialized) struct DaemonEndToEndTests {
    static let scenarioFiles: [URL] = {
        let own = DaemonProcess.root.appendingPathComponent("Tests/Scenarios")
        return SharedScenarios.files + ((try? FileManager.default.contentsOfDirectory(atPath: own.path)) ?? [])
            .filter { $0.hasSuffix(".events.jsonl") }.sorted().map { own.appendingPathComponent($0) }
    }()

    @Test func thereAreScenariosToReplay() {
        #expect(Self.scenarioFiles.count >= 16)
    }

    /// Every scenario, event by event through the API, on the daemon's manual clock:
    /// the log receiver prints exactly the expected notifications.
    @Test(arguments: scenarioFiles)
    func scenarioThroughTheDaemon(_ file: URL) throws {
        let scenario = try ScenarioReplay.load(file)
        let firstAt = try #require((try JSONSerialization.jsonObject(with: Data(scenario.events[0].utf8)) as? [String: Any])?["at"] as? String)
        let daemon = try DaemonProcess(clockStart: ScenarioReplay.justBefore(firstAt))
        for line in scenario.events {
            let at = try #require((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["at"] as? String)
            try daemon.advance(to: ScenarioReplay.justBefore(at))
            let r = try daemon.post("/v1/events", line)
            #expect(r.status == 200, "\(scenario.name): \(line) → \(r.status) \(r.body)")
        }
        try daemon.advance(to: scenario.until)
        let printed = daemon.waitForNotifications(scenario.expected.count)
        usleep(300_000)  // anything unexpected would show up by now
        let actual = daemon.notifications
        let expectedKeys = scenario.expected.map(ScenarioReplay.key)
        let actualKeys = actual.map(ScenarioReplay.key)
        #expect(actualKeys.sorted() == expectedKeys.sorted(), "\(scenario.name)\nexpected \(expectedKeys)\nprinted \(actualKeys)")
        for e in scenario.expected {
            guard let a = actual.first(where: { ScenarioReplay.key($0) == ScenarioReplay.key(e) }) else { continue }
            for (field, value) in e {
                #expect("\(a[field] ?? "nil")" == "\(value)", "\(scenario.name) \(ScenarioReplay.key(e)): \(field)")
            }
        }
        _ = printed
        #expect(daemon.signal(SIGTERM) == 0, "graceful stop: \(daemon.stderr)")
    }
}
