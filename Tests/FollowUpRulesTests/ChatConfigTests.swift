import FollowUpCore
@testable import FollowUpRules
import Foundation
import Testing

/// `slack` and `teams` receivers, `lead_url` and `from_name` in followupd.yaml:
/// what they read as, and each mistake as FILE:LINE:COL without quoting the
/// secret URL.
@Suite struct ChatConfigTests {
    /// A file holding `text` with `mode`.
    static func file(_ text: String, mode: Int = 0o600) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chat-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func readsSlackTeamsTheLeadLinkAndTheSenderName() throws {
        let slack = try Self.file("https://hooks.slack.example/services/T0/B0/XYZ\n")
        let teams = try Self.file("https://teams.example/workflows/run?sig=abc\n", mode: 0o400)
        let config = try DaemonConfig.parse("""
            receivers:
              - name: chat
                kind: slack
                url_file: \(slack)
                timeout: 5s
              - name: channel
                kind: teams
                url_file: \(teams)
              - name: mail
                kind: sendmail
                from: followupd@example.com
                from_name: "Sales Desk"
            templates: /tmp
            lead_url: "https://crm.example/leads/{lead}"
            """, file: "followupd.yaml")
        #expect(config.receivers.map(\.kind) == [.slack, .teams, .sendmail])
        #expect(config.receivers[0].settings == .slack(ChatSettings(urlFile: slack, timeout: TimeSpan(seconds: 5))))
        #expect(config.receivers[1].settings == .teams(ChatSettings(urlFile: teams)))
        #expect(config.receivers[0].inFlight == 4)
        guard case .sendmail(let mail) = config.receivers[2].settings else { Issue.record("not sendmail"); return }
        #expect(mail.email.fromName == "Sales Desk")
        #expect(config.delivery.leadURL == "https://crm.example/leads/{lead}")
    }

    @Test func aURLFileEveryUserCanReadIsRefused() throws {
        let open = try Self.file("https://hooks.slack.example/services/T0/B0/SECRETXYZ\n", mode: 0o644)
        let found = DaemonConfig.problems(in: "receivers:\n  - name: s\n    kind: slack\n    url_file: \(open)\ntemplates: /tmp\n")
        #expect(found.contains { $0.hasPrefix("followupd.yaml:4:15: error: `url_file` of receiver \"s\": \(open) can be read by every user (mode 0644)") },
                "\(found)")
        #expect(!found.joined().contains("SECRETXYZ"), "the URL was quoted")
    }

    @Test func aURLFileWithoutAURLIsRefusedWithoutQuotingIt() throws {
        let notURL = try Self.file("SECRETXYZ not a url\n")
        let found = DaemonConfig.problems(in: "receivers:\n  - name: t\n    kind: teams\n    url_file: \(notURL)\ntemplates: /tmp\n")
        #expect(found.contains { $0.hasPrefix("followupd.yaml:4:15: error: `url_file` of receiver \"t\": \(notURL) does not hold an http:// or https:// URL") },
                "\(found)")
        #expect(!found.joined().contains("SECRETXYZ"), "the file's content was quoted")
    }

    /// Slack and Teams headlines come from the subject templates: the directory must exist.
    @Test func aChatReceiverNeedsTheTemplates() throws {
        let slack = try Self.file("https://hooks.slack.example/services/T0/B0/XYZ\n")
        let found = DaemonConfig.problems(in: "receivers:\n  - name: s\n    kind: slack\n    url_file: \(slack)\ntemplates: /nonexistent/t\n")
        #expect(found.contains { $0.hasPrefix("followupd.yaml:5:12: error: `templates`: /nonexistent/t is not a directory") }, "\(found)")
    }

    @Test(arguments: [
        ("receivers:\n  - name: s\n    kind: slack\n", "followupd.yaml:2:5: error: receiver \"s\" is missing `url_file`"),
        ("receivers:\n  - name: s\n    kind: slack\n    url: https://hooks.slack.example/x\n",
         "followupd.yaml:4:5: error: unknown key \"url\" in receiver \"s\""),
        ("receivers:\n  - name: s\n    kind: teams\n    url_file: /nonexistent/teams.url\n",
         "followupd.yaml:4:15: error: `url_file` of receiver \"s\": /nonexistent/teams.url does not exist"),
        ("lead_url: https://crm.example/leads\n", "followupd.yaml:1:11: error: `lead_url` must contain {lead}"),
        ("lead_url: \"ftp://crm.example/{lead}\"\n", "followupd.yaml:1:11: error: `lead_url` must be an http:// or https:// URL"),
        ("receivers:\n  - name: m\n    kind: sendmail\n    from: a@b.test\n    from_name: \"Sales\\r\\nBcc: x@y.test\"\n",
         "followupd.yaml:5:16: error: `from_name` of receiver \"m\" must not contain control characters"),
        ("receivers:\n  - name: m\n    kind: smtp\n    host: h\n    from: a@b.test\n    from_name: \"  \"\n",
         "followupd.yaml:6:16: error: `from_name` of receiver \"m\" must not be empty"),
    ])
    func mistakesAreReportedWhereTheyAreWritten(_ text: String, _ expected: String) {
        let found = DaemonConfig.problems(in: text)
        #expect(found.contains { $0.hasPrefix(expected) }, "expected \(expected)\nfound \(found)")
    }
}
