import Foundation
import Testing
import FollowUpTestSupport

/// Runs the scenario checker the project is judged by (../shared/scenarios/check)
/// against the real followupctl binary and the shipped rule files: the shared
/// scenarios and our own in Tests/Scenarios.
@Suite struct ScenarioCheckTests {
    static let check = Subprocess.root.deletingLastPathComponent().appendingPathComponent("shared/scenarios/check").path

    @Test func sharedScenariosPassThroughTheBinary() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.check),
                "../shared/scenarios/check must sit beside the checkout")
        let scenarios = SharedScenarios.files.map(\.path)
        #expect(scenarios.count >= 5)
        let r = try Subprocess.run("/usr/bin/env", ["python3", Self.check, "--ctl", Subprocess.followupctl, "--rules", Subprocess.rules] + scenarios)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("\(scenarios.count) passed, 0 failed"), "\(r.stdout)")
        #expect(!r.stdout.contains("FAIL"), "\(r.stdout)")
    }

    @Test func ownScenariosPassThroughTheBinary() throws {
        let dir = Subprocess.root.appendingPathComponent("Tests/Scenarios")
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".events.jsonl") }.sorted().map { dir.appendingPathComponent($0).path }
        #expect(scenarios.count >= 10)
        let r = try Subprocess.run("/usr/bin/env", ["python3", Self.check, "--ctl", Subprocess.followupctl, "--rules", Subprocess.rules] + scenarios)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("\(scenarios.count) passed, 0 failed"), "\(r.stdout)")
    }

    /// The territories example's scenarios, worked out by hand, against that rule set.
    @Test func territoryScenariosPassThroughTheBinary() throws {
        let dir = Subprocess.root.appendingPathComponent("Tests/Scenarios-territories")
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".events.jsonl") }.sorted().map { dir.appendingPathComponent($0).path }
        #expect(scenarios.count >= 1)
        let r = try Subprocess.run("/usr/bin/env", ["python3", Self.check, "--ctl", Subprocess.followupctl,
                                                    "--rules", Subprocess.territoryRules] + scenarios)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("\(scenarios.count) passed, 0 failed"), "\(r.stdout)")
    }
}
