import FollowUpTestSupport
import Foundation
import Testing

/// `followupd --database postgres://…` as an admin types it: checked before
/// anything connects, and the password never printed.
@Suite struct DatabaseURLCheckTests {
    static func checkConfig(database: String) throws -> Subprocess {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("followupd-dburl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = dir.appendingPathComponent("followupd.yaml").path
        try """
            rules: \(DaemonProcess.root.appendingPathComponent("etc/followup/rules.d").path)
            listen: [unix:\(dir.path)/api.sock]
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return try Subprocess.run(DaemonProcess.binary, ["--config", config, "--database", database, "--check-config"],
                                  directory: dir.path)
    }

    @Test func theCheckNamesTheDatabaseWithoutItsPassword() throws {
        let run = try Self.checkConfig(database: "postgres://followupd:s3cret@db.internal:5433/followup")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("database postgres://followupd:***@db.internal:5433/followup,"), "\(run.stdout)")
        #expect(!(run.stdout + run.stderr).contains("s3cret"))
    }

    @Test func aURLTheDaemonCannotUseIsRefusedBeforeAnythingRuns() throws {
        let run = try Self.checkConfig(database: "postgres://:s3cret@db.internal/followup")
        #expect(run.status != 0)
        #expect(run.stderr.contains("--database: `database` postgres://***@db.internal/followup: names no user"), "\(run.stderr)")
        #expect(!run.stderr.contains("s3cret"))
    }
}
