import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

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

    /// Group followup may open the API socket, and nothing else: the unit's
    /// umask and systemd's own tmpfiles run on a staged root keep the database,
    /// the token file and every secret the shipped config names to the daemon's user.
    @Test func theSocketGroupCannotReadTheDatabaseTokensOrSecrets() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let state = root.appendingPathComponent("var/lib/followup")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("etc/followup"), withIntermediateDirectories: true)
        // tmpfiles --root resolves names in the root's own files: there, followup is whoever runs the test.
        try "followup:x:\(getuid()):\(getgid())::/var/lib/followup:/bin/false\n"
            .write(to: root.appendingPathComponent("etc/passwd"), atomically: true, encoding: .utf8)
        try "followup:x:\(getgid()):\n".write(to: root.appendingPathComponent("etc/group"), atomically: true, encoding: .utf8)
        let shipped = try String(contentsOf: Self.root.appendingPathComponent("etc/followup/followupd.yaml"), encoding: .utf8)
        let secrets = shipped.matches(of: #/(?:token|secret|password|url)_file: (/etc/followup/\S+)/#).map { String($0.1) }
        #expect(secrets.count == 5, "\(secrets)")
        // What an older unit (UMask=0007) and an admin's editor left behind: group-readable files.
        let files = secrets.map { root.path + $0 } + ["", "-wal", "-shm"].map { state.path + "/followupd.sqlite" + $0 }
        for file in files {
            try "x\n".write(toFile: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o664], ofItemAtPath: file)
        }
        let tmpfiles = try Subprocess.run("/usr/bin/env", ["systemd-tmpfiles", "--create", "--root=\(root.path)",
                                                           Self.root.appendingPathComponent("systemd/followupd.tmpfiles").path],
                                          directory: nil)
        #expect(tmpfiles.status == 0, "\(tmpfiles.stderr)")
        func mode(_ path: String) throws -> Int {
            try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        for file in files {
            let found = try mode(file)
            #expect(found & 0o077 == 0, "\(file) is mode \(String(found, radix: 8))")
        }
        #expect(try mode(state.path) == 0o750)
        // Files the daemon creates: the database, its WAL and lock file get 0666 & ~UMask.
        let unit = try String(contentsOf: URL(fileURLWithPath: Self.unit), encoding: .utf8)
        #expect(unit.contains("\nUMask=0077\n"))
        #expect(unit.contains("\nStateDirectoryMode=0750\n") && unit.contains("\nRuntimeDirectoryMode=0750\n"))
        #expect(unit.contains("\nUser=followup\n") && unit.contains("\nGroup=followup\n"))
        let shippedConfig = try String(contentsOf: Self.root.appendingPathComponent("systemd/followupd.yaml"), encoding: .utf8)
        #expect(shippedConfig.contains("socket_mode: \"0660\""), "the socket stays the group's")
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
