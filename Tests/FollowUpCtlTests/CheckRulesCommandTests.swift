import Foundation
import Testing
import FollowUpTestSupport

/// `followupctl check-rules` as an admin runs it before a reload.
@Suite struct CheckRulesCommandTests {
    @Test func theShippedRulesAreValid() throws {
        let r = try Subprocess.ctl("check-rules", Subprocess.rules)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("rules OK"), "\(r.stdout)")
    }

    /// The territories example is a rule set admins copy: it must stay valid,
    /// and clean (a note would mean two of its files disagree or a backup is unknown).
    @Test func theTerritoriesExampleIsValid() throws {
        let r = try Subprocess.ctl("check-rules", Subprocess.territoryRules)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("rules OK"), "\(r.stdout)")
        #expect(!r.stderr.contains("note:") && !r.stderr.contains("warning:"), "\(r.stderr)")
    }

    @Test func everyProblemIsListedWithFileLineAndColumn() throws {
        // An admin's override file beside the shipped ones, with three mistakes in three places.
        let file = try Subprocess.temporaryFile("""
            calendars:
              office:
                timezone: Mars/Olympus
                open:
                  - days: mon-fri
                    hours: 08:00-18:00
            triage:
              - name: vip
                priority: platinum
                before: high
                when:
                  - source: [vip]
            routing:
              default_team: sales
              enabeld: true
            """, name: "50-local.yaml")
        let dir = URL(fileURLWithPath: file).deletingLastPathComponent()
        for shipped in try FileManager.default.contentsOfDirectory(atPath: Subprocess.rules) {
            try FileManager.default.copyItem(atPath: "\(Subprocess.rules)/\(shipped)", toPath: dir.appendingPathComponent(shipped).path)
        }
        let r = try Subprocess.ctl("check-rules", dir.path)
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        let errors = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.contains { $0.hasPrefix("\(file):3:") && $0.contains("Mars/Olympus") }, "\(r.stderr)")
        #expect(errors.contains { $0.hasPrefix("\(file):9:") && $0.contains("platinum") }, "\(r.stderr)")
        #expect(errors.contains { $0.hasPrefix("\(file):15:") && $0.contains("enabeld") }, "\(r.stderr)")
        #expect(errors.count == 3, "\(r.stderr)")
    }

    @Test func aMissingDirectoryIsAClearError() throws {
        let r = try Subprocess.ctl("check-rules", "/nonexistent/rules.d")
        #expect(r.status == 1)
        #expect(r.stderr.contains("/nonexistent/rules.d"), "\(r.stderr)")
    }
}
