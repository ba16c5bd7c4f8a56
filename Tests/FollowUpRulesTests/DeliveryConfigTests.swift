import FollowUpCore
@testable import FollowUpRules
import Foundation
import Testing

/// followupd.yaml's receivers, routes, fallback, retry and dead-letter keys:
/// what they read as, and every mistake as FILE:LINE:COL.
@Suite struct DeliveryConfigTests {
    @Test func readsEveryReceiverKindRoutesAndDeliveryKeys() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)").path
        try "x\n".write(toFile: secret, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret)
        let config = try DaemonConfig.parse("""
            receivers:
              - name: log
                kind: log
                stream: stderr
              - name: crm
                kind: webhook
                url: https://relay.example.com/hook
                secret_file: \(secret)
                timeout: 5s
                in_flight: 16
                batch: 200
                headers:
                  X-Team: sales
              - name: mail
                kind: sendmail
                from: followupd@example.com
                default_to: sales@example.com
              - name: script
                kind: exec
                command: [/bin/cat, -]
            routes:
              - kinds: [sla.breached]
                priorities: [high]
                receivers: [crm, mail]
              - receivers: [log]
            fallback: {receiver: log, after: 15m}
            retry: {base: 2s, cap: 10m, probe: 3s}
            dead_letter_after: 2d
            templates: /tmp
            """, file: "followupd.yaml")
        #expect(config.receivers.map(\.name) == ["log", "crm", "mail", "script"])
        #expect(config.receivers[1].inFlight == 16)
        guard case .webhook(let webhook) = config.receivers[1].settings else { Issue.record("not a webhook"); return }
        #expect(webhook.headers == [HeaderField(name: "X-Team", value: "sales")])
        #expect(webhook.timeout == TimeSpan(seconds: 5))
        #expect(webhook.batch == 200)
        guard case .log(let log) = config.receivers[0].settings else { Issue.record("not a log"); return }
        #expect(log.stream == .stderr)
        #expect(config.delivery.routes == [
            NotificationRoute(kinds: [.slaBreached], priorities: ["high"], receivers: ["crm", "mail"]),
            NotificationRoute(receivers: ["log"]),
        ])
        #expect(config.delivery.policy.fallback == "log")
        #expect(config.delivery.policy.fallbackAfter == .minutes(15))
        #expect(config.delivery.policy.backoff == RetryBackoff(base: TimeSpan(seconds: 2), cap: .minutes(10)))
        #expect(config.delivery.policy.probeInterval == TimeSpan(seconds: 3))
        #expect(config.delivery.policy.deadLetterAfter == .days(2))
    }

    @Test(arguments: [
        ("receivers:\n  - name: x\n    kind: pager\n", "followupd.yaml:3:11: error: `kind` of receiver \"x\" must be one of log, webhook, smtp, sendmail, exec"),
        ("receivers:\n  - name: x\n    kind: webhook\n", "followupd.yaml:2:5: error: receiver \"x\" is missing `url`"),
        ("receivers:\n  - name: x\n    kind: webhook\n    url: ftp://a\n", "followupd.yaml:4:10: error: `url` of receiver \"x\" must be an http:// or https:// URL"),
        ("receivers:\n  - name: x\n    kind: webhook\n    url: http://a\n    secret_file: /nonexistent/s\n",
         "followupd.yaml:5:18: error: `secret_file` of receiver \"x\": /nonexistent/s does not exist"),
        ("receivers:\n  - name: x\n    kind: webhook\n    url: http://a\n    password_file: /p\n",
         "followupd.yaml:5:5: error: unknown key \"password_file\" in receiver \"x\""),
        ("receivers:\n  - name: x\n    kind: log\nroutes:\n  - receivers: [y]\n",
         "followupd.yaml:5:17: error: `receivers` of route #1 names no receiver \"y\""),
        ("receivers:\n  - name: x\n    kind: log\nroutes:\n  - kinds: [lead.asigned]\n    receivers: [x]\n",
         "followupd.yaml:5:13: error: `kinds` of route #1: unknown kind \"lead.asigned\""),
        ("receivers:\n  - name: x\n    kind: log\nfallback:\n  receiver: z\n",
         "followupd.yaml:5:13: error: `receiver` of `fallback` names no receiver \"z\""),
        ("dead_letter_after: soon\n", "followupd.yaml:1:20: error: invalid duration \"soon\""),
        ("receivers:\n  - name: x\n    kind: webhook\n    url: http://a\n    batch: 0\n",
         "followupd.yaml:5:12: error: `batch` of receiver \"x\" must be ≥ 1, found 0"),
        ("receivers:\n  - name: x\n    kind: webhook\n    url: http://a\n    batch: 5000\n",
         "followupd.yaml:5:12: error: `batch` of receiver \"x\" must be at most 1000, got 5000"),
        ("receivers:\n  - name: m\n    kind: smtp\n    host: h\n    from: a@b\n    ca_file: /etc/hostname\n",
         "followupd.yaml:6:14: error: `ca_file` of receiver \"m\" is only used with `starttls: true`"),
        ("receivers:\n  - name: m\n    kind: smtp\n    host: h\n    from: a@b\n    starttls: true\n    ca_file: /nonexistent/ca.pem\n",
         "followupd.yaml:7:14: error: `ca_file` of receiver \"m\": /nonexistent/ca.pem does not exist"),
        ("receivers:\n  - name: x\n    kind: exec\n    command: [/bin/cat]\n    batch: 10\n",
         "followupd.yaml:5:5: error: unknown key \"batch\" in receiver \"x\""),
        ("receivers:\n  - name: x\n    kind: webhook\n    url: http://a\n    batch: 10\n    body_template: crm\n",
         "followupd.yaml:6:20: error: `body_template` of receiver \"x\" renders one notification per POST"),
        ("receivers:\n  - name: x\n    kind: webhook\n    url: http://a\n    body_template: ../etc/passwd\n",
         "followupd.yaml:5:20: error: `body_template` of receiver \"x\" must name a template"),
        ("retry:\n  base: 10s\n  cap: 5s\n", "followupd.yaml:3:8: error: `cap` of `retry` must be at least `base`"),
        ("receivers:\n  - name: x\n    kind: exec\n    command: [/bin/cat]\n    environment: [HOME, 1BAD]\n",
         "followupd.yaml:5:25: error: `environment` of receiver \"x\": \"1BAD\" is not a variable name"),
        ("retry:\n  probe: 0s\n", "followupd.yaml:2:10: error: `probe` of `retry` must be at least 1s"),
        ("receivers:\n  - name: m\n    kind: smtp\n    host: h\n    from: nobody\n",
         "followupd.yaml:5:11: error: `from` of receiver \"m\" does not look like an address"),
        ("receivers:\n  - name: m\n    kind: sendmail\n    from: a@b\ntemplates: /nonexistent/t\n",
         "followupd.yaml:5:12: error: `templates`: /nonexistent/t is not a directory"),
        // A lane multiplied in_flight by the batch size: Int.max overflowed at start.
        ("receivers:\n  - name: x\n    kind: webhook\n    url: http://a\n    in_flight: 9223372036854775807\n",
         "followupd.yaml:5:16: error: `in_flight` of receiver \"x\" must be ≤ 1000, found 9223372036854775807"),
        ("max_body_bytes: 9223372036854775807\n",
         "followupd.yaml:1:17: error: `max_body_bytes` of the config must be ≤ 1073741824, found 9223372036854775807"),
    ])
    func mistakesAreReportedWhereTheyAreWritten(_ text: String, _ expected: String) {
        let found = DaemonConfig.problems(in: text)
        #expect(found.contains { $0.hasPrefix(expected) }, "expected \(expected)\nfound \(found)")
    }
}
