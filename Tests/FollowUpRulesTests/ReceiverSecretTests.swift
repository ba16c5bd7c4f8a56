import FollowUpRules
import Foundation
import Testing

/// How receivers hold their secrets: smtp's password never goes out in clear,
/// and `secret_file` and `password_file` are files only the daemon may read
/// (issue 11). Each mistake as FILE:LINE:COL.
@Suite struct ReceiverSecretTests {
    /// A file holding `text` with `mode`.
    static func file(_ text: String, mode: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    static func smtp(host: String, starttls: Bool, password: String) -> String {
        "receivers:\n  - name: m\n    kind: smtp\n    host: \(host)\n    from: followupd@example.com\n    auth: plain\n"
            + (starttls ? "    starttls: true\n" : "") + "    username: followupd\n    password_file: \(password)\ntemplates: /tmp\n"
    }

    @Test(arguments: ["mail.example.com", "10.0.0.5", "127.example.com", "2001:db8::1"])
    func authWithoutStartTLSToAnotherHostIsRefused(_ host: String) throws {
        let password = try Self.file("pw\n", mode: 0o600)
        let found = DaemonConfig.problems(in: Self.smtp(host: host, starttls: false, password: password))
        let expected = "followupd.yaml:6:11: error: `auth` of receiver \"m\" would send the password in clear to \(host): add `starttls: true`"
        #expect(found.contains { $0.hasPrefix(expected) }, "expected \(expected)\nfound \(found)")
    }

    @Test(arguments: ["localhost", "127.0.0.1", "127.1.2.3", "::1"])
    func authWithoutStartTLSOnLoopbackIsAccepted(_ host: String) throws {
        let password = try Self.file("pw\n", mode: 0o600)
        #expect(DaemonConfig.problems(in: Self.smtp(host: host, starttls: false, password: password)) == [])
    }

    @Test func authWithStartTLSIsAccepted() throws {
        let password = try Self.file("pw\n", mode: 0o600)
        #expect(DaemonConfig.problems(in: Self.smtp(host: "mail.example.com", starttls: true, password: password)) == [])
    }

    @Test func aPasswordFileEveryUserCanReadIsRefusedWithItsNameAndMode() throws {
        let password = try Self.file("n0t-in-the-log\n", mode: 0o644)
        let found = DaemonConfig.problems(in: Self.smtp(host: "mail.example.com", starttls: true, password: password))
        let expected = "followupd.yaml:9:20: error: `password_file` of receiver \"m\": \(password) can be read by every user (mode 0644)"
        #expect(found.contains { $0.hasPrefix(expected) }, "expected \(expected)\nfound \(found)")
        #expect(!found.joined().contains("n0t-in-the-log"))
    }

    @Test func aWebhookSecretFileItsGroupMayWriteIsRefusedWithItsNameAndMode() throws {
        let open = try Self.file("k\n", mode: 0o644)
        let writable = try Self.file("k\n", mode: 0o660)
        for (path, shown) in [(open, "can be read by every user (mode 0644)"), (writable, "can be written by its group (mode 0660)")] {
            let found = DaemonConfig.problems(in: "receivers:\n  - name: x\n    kind: webhook\n    url: http://a\n    secret_file: \(path)\n")
            let expected = "followupd.yaml:5:18: error: `secret_file` of receiver \"x\": \(path) \(shown)"
            #expect(found.contains { $0.hasPrefix(expected) }, "expected \(expected)\nfound \(found)")
        }
    }

    /// A secret its group may read, even when that group is the daemon's own:
    /// under the shipped unit the daemon's group is the API socket's, so 0640
    /// handed the webhook key, the smtp password and the chat URLs to every
    /// rep's tool and CRM allowed on the socket (issue 11).
    @Test func aSecretFileTheDaemonsGroupCanReadIsRefused() throws {
        let key = try Self.file("k3y-not-in-the-log\n", mode: 0o640)
        let password = try Self.file("pw\n", mode: 0o640)
        let url = try Self.file("https://hooks.slack.example/services/T0/B0/XYZ\n", mode: 0o640)
        let shown = "can be read by its group \(getegid()) (mode 0640): chmod 600 it, owned by the daemon's user"
        let cases = [
            ("receivers:\n  - name: x\n    kind: webhook\n    url: http://a\n    secret_file: \(key)\n",
             "followupd.yaml:5:18: error: `secret_file` of receiver \"x\": \(key) \(shown)"),
            (Self.smtp(host: "mail.example.com", starttls: true, password: password),
             "followupd.yaml:9:20: error: `password_file` of receiver \"m\": \(password) \(shown)"),
            ("receivers:\n  - name: c\n    kind: slack\n    url_file: \(url)\ntemplates: /tmp\n",
             "followupd.yaml:4:15: error: `url_file` of receiver \"c\": \(url) \(shown)"),
        ]
        for (config, expected) in cases {
            let found = DaemonConfig.problems(in: config)
            #expect(found.contains { $0.hasPrefix(expected) }, "expected \(expected)\nfound \(found)")
            #expect(!found.joined().contains("k3y-not-in-the-log"))
        }
    }
}
