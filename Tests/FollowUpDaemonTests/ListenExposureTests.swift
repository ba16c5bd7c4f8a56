import FollowUpTestSupport
import Foundation
import Testing

/// A TCP listener on every interface speaks plain HTTP to the network:
/// `--check-config` (and the start) warn, naming the address (issue 11).
@Suite struct ListenExposureTests {
    /// Runs the real `followupd --check-config` on a config listening on `tcp`.
    static func checkConfig(listening tcp: String) throws -> Subprocess {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("followupd-listen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tokens = dir.appendingPathComponent("tokens").path
        try "write \(DaemonProcess.token)\n".write(toFile: tokens, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokens)
        let config = dir.appendingPathComponent("followupd.yaml").path
        try """
            database: \(dir.path)/state.sqlite
            rules: \(DaemonProcess.root.appendingPathComponent("etc/followup/rules.d").path)
            listen: [unix:\(dir.path)/api.sock, "\(tcp)"]
            token_file: \(tokens)
            receivers:
              - name: log
                kind: log
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return try Subprocess.run(DaemonProcess.binary, ["--config", config, "--check-config"], directory: dir.path)
    }

    @Test(arguments: ["0.0.0.0:8787", "[::]:8787"])
    func everyInterfaceWithoutTLSIsWarnedAboutNamingTheAddress(_ address: String) throws {
        let run = try Self.checkConfig(listening: address)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: listen \(address) accepts connections on every network interface in plain HTTP"),
                "\(run.stderr)")
        #expect(run.stderr.contains("Listen on 127.0.0.1:8787 or [::1]:8787 behind a TLS-terminating proxy"), "\(run.stderr)")
    }

    @Test func loopbackIsNotWarnedAbout() throws {
        let run = try Self.checkConfig(listening: "127.0.0.1:8787")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("warning"), "\(run.stderr)")
    }
}
