import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A webhook with `body_template` through the real followupd binary and the
/// real relay: the admin's JSON arrives signed, keyed, and intact around a
/// hostile company name.
@Suite(.serialized) struct WebhookBodyTemplateEndToEndTests {
    static let company = #"Acme "Quote" \ Co", "admin": true"#
    static let capture = #"[{"type":"rep.upserted","rep":{"id":"alice","name":"Alice Example","email":"alice@example.com","team":"sales","timezone":"Europe/Berlin"}},{"type":"lead.captured","lead":{"id":"L1","source":"web_form","name":"Dana Smith","email":"dana@acme.test","company":"Acme \"Quote\" \\ Co\", \"admin\": true","owner":"alice"}}]"#

    @Test func theTemplatedBodyArrivesSignedAndIntact() throws {
        let (dir, secret) = try NotifyEndToEndTests.scratch()
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: DaemonProcess.root.appendingPathComponent("etc/followup/templates"), to: templates)
        try """
            {"id": "{{notification.id}}", "lead": "{{notification.lead}}", "link": "{{lead_url}}",
             "text": "{{notification.asks}}: {{lead.display_name}} ({{lead.company}}) by {{notification.deadline_local}}"}
            """.write(to: templates.appendingPathComponent("crm.json.mustache"), atomically: true, encoding: .utf8)
        let log = dir.appendingPathComponent("relay.jsonl").path
        let relay = try RelayProcess.webhook(secretFile: secret, log: log)
        let receivers = """
            receivers:
              - name: crm
                kind: webhook
                url: http://127.0.0.1:\(relay.port)/hook
                secret_file: \(secret)
                body_template: crm
            templates: \(templates.path)
            lead_url: "https://crm.example/leads/{lead}"
            """
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1, receivers: receivers, directory: dir)
        #expect(try daemon.post("/v1/events", Self.capture).status == 200)
        #expect(RelayProcess.waitUntil(10) { RelayProcess.lines(log).count >= 1 }, "relay got nothing: \(daemon.stderr)")
        usleep(500_000)
        let got = RelayProcess.lines(log)
        #expect(got.count == 1, "\(got)")
        let request = try #require(got.first)
        #expect(request["sig_ok"] as? Bool == true && request["key"] as? String == "L1:lead.assigned:1:1", "\(request)")
        let body = try #require(request["body"] as? [String: Any], "not JSON: \(request["body"] ?? "")")
        #expect(Set(body.keys) == ["id", "lead", "link", "text"], "the company added a key: \(body)")
        #expect(body["link"] as? String == "https://crm.example/leads/L1")
        let text = body["text"] as? String ?? ""
        #expect(text.hasPrefix("make the first touch call: Dana Smith (\(Self.company)) by Tue 2026-11-24 "), "\(text)")
        #expect(text.hasSuffix(" Europe/Berlin"), "\(text)")
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }
}
