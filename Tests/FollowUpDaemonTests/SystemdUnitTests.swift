import FollowUpTestSupport
import Foundation
import Testing

/// The unit file and what scripts/install lays out, checked by systemd's own
/// analyzer (`systemd-analyze security` and `verify`), as ops will.
@Suite struct SystemdUnitTests {
    static let root = DaemonProcess.root
    static var unit: String { root.appendingPathComponent("systemd/followupd.service").path }
    static var binaries: String { URL(fileURLWithPath: DaemonProcess.binary).deletingLastPathComponent().path }

    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("followupd-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func install(into destdir: URL, prefix: String = "/usr/local") throws -> Subprocess {
        try Subprocess.run("/usr/bin/env", ["DESTDIR=\(destdir.path)", "PREFIX=\(prefix)", "scripts/install",
                                            "--binaries", Self.binaries], directory: Self.root.path)
    }

    @Test func theUnitIsHardenedToAnExposureOf2OrLower() throws {
        let result = try Subprocess.run("/usr/bin/env", ["systemd-analyze", "security", "--offline=yes", "--threshold=20",
                                                         "--no-pager", Self.unit], directory: nil)
        #expect(result.status == 0, "\(result.stdout.suffix(2_000))\(result.stderr)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("Overall exposure level") })
        let score = try #require(line.split(separator: " ").compactMap { Double($0) }.first, "\(line)")
        #expect(score <= 2.0, "\(line)")
    }

    @Test func installLaysOutTheTreeAndTheInstalledUnitVerifiesClean() throws {
        let destdir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: destdir) }
        let result = try install(into: destdir)
        #expect(result.status == 0, "\(result.stderr)")
        for path in ["usr/local/bin/followupd", "usr/local/bin/followupctl",
                     "usr/local/lib/systemd/system/followupd.service", "usr/local/lib/sysusers.d/followupd.conf",
                     "usr/local/lib/tmpfiles.d/followupd.conf", "etc/followup/followupd.yaml",
                     "etc/followup/rules.d/30-cadence.yaml", "usr/local/share/doc/followupd/README.md"] {
            #expect(FileManager.default.fileExists(atPath: destdir.appendingPathComponent(path).path), "\(path)")
        }
        // verify needs ExecStart's binary to exist: point a copy of the installed unit at the staged one.
        let installed = try String(contentsOf: destdir.appendingPathComponent("usr/local/lib/systemd/system/followupd.service"),
                                   encoding: .utf8)
        #expect(installed.contains("ExecStart=/usr/local/bin/followupd --config /etc/followup/followupd.yaml"))
        let staged = destdir.appendingPathComponent("verify/followupd.service")
        try FileManager.default.createDirectory(at: staged.deletingLastPathComponent(), withIntermediateDirectories: true)
        try installed.replacingOccurrences(of: "/usr/local/bin/followupd", with: destdir.path + "/usr/local/bin/followupd")
            .write(to: staged, atomically: true, encoding: .utf8)
        let verify = try Subprocess.run("/usr/bin/env", ["systemd-analyze", "verify", staged.path], directory: nil)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stderr.isEmpty, "systemd-analyze verify complained: \(verify.stderr)")

        // The installed config and rules are valid (paths moved under the staging root).
        let config = try String(contentsOf: destdir.appendingPathComponent("etc/followup/followupd.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "/etc/followup/rules.d", with: destdir.path + "/etc/followup/rules.d")
            .replacingOccurrences(of: "/var/lib/followup/", with: destdir.path + "/")
        let check = destdir.appendingPathComponent("check.yaml")
        try config.write(to: check, atomically: true, encoding: .utf8)
        let checked = try Subprocess.run(DaemonProcess.binary, ["--config", check.path, "--check-config"], directory: destdir.path)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    }

    @Test func reinstallingKeepsAnAdminsEditsAndPutsTheNewFileBeside() throws {
        let destdir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: destdir) }
        #expect(try install(into: destdir).status == 0)
        let config = destdir.appendingPathComponent("etc/followup/followupd.yaml")
        try "# edited by the admin\n".write(to: config, atomically: true, encoding: .utf8)
        let again = try install(into: destdir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOf: config, encoding: .utf8) == "# edited by the admin\n")
        #expect(FileManager.default.fileExists(atPath: config.path + ".dist"))
        #expect(again.stderr.contains("kept"), "\(again.stderr)")
    }

    @Test func aDistributionPrefixMovesTheUnitAndItsExecStart() throws {
        let destdir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: destdir) }
        #expect(try install(into: destdir, prefix: "/usr").status == 0)
        let unit = try String(contentsOf: destdir.appendingPathComponent("usr/lib/systemd/system/followupd.service"),
                              encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/bin/followupd "))
        #expect(FileManager.default.fileExists(atPath: destdir.appendingPathComponent("usr/bin/followupctl").path))
    }
}
