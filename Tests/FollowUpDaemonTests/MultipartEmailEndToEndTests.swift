import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// HTML + plain-text email through the real followupd binary and the real
/// SMTP server (Debian's python3-aiosmtpd), which parses each message with
/// Python's email package (Tests/Relays/smtp_sink.py).
@Suite(.serialized) struct MultipartEmailEndToEndTests {
    static let capture = #"[{"type":"rep.upserted","rep":{"id":"alice","name":"Alice Example","email":"alice@example.com","team":"sales","timezone":"America/New_York"}},{"type":"lead.captured","lead":{"id":"L1","source":"web_form","name":"Dana <b>Smith</b>","email":"dana@acme.test","company":"<script>alert(1)</script> & \"Co\"","title":"\"><img src=x onerror=alert(2)>","owner":"alice"}}]"#

    @Test func smtpSendsTextAndEscapedHTMLFromTheConfiguredName() throws {
        let (dir, _) = try NotifyEndToEndTests.scratch()
        let (smtp, mail) = try RelayProcess.smtp(in: dir)
        let templates = DaemonProcess.root.appendingPathComponent("etc/followup/templates").path
        let receivers = """
            receivers:
              - name: email
                kind: smtp
                host: 127.0.0.1
                port: \(smtp.port)
                from: followupd@example.com
                from_name: 'Vertrieb Müller "EU", <Team>'
                timeout: 10s
            templates: \(templates)
            lead_url: "https://crm.example/leads/{lead}"
            """
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1, receivers: receivers, directory: dir)
        #expect(try daemon.post("/v1/events", Self.capture).status == 200)
        let envelopePath = mail.appendingPathComponent("1.json").path
        #expect(RelayProcess.waitUntil(10) { FileManager.default.fileExists(atPath: mail.appendingPathComponent("1.eml").path) },
                "no mail: \(daemon.stderr)")
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: envelopePath))) as? [String: Any])
        #expect(envelope["content_type"] as? String == "multipart/alternative", "\(envelope)")
        #expect((envelope["defects"] as? [String]) == [], "\(envelope["defects"] ?? "")")
        #expect(envelope["from_name"] as? String == #"Vertrieb Müller "EU", <Team>"#, "\(envelope["from_header"] ?? "")")
        #expect(envelope["from_address"] as? String == "followupd@example.com")
        let parts = envelope["parts"] as? [[String: String]] ?? []
        #expect(parts.map { $0["type"] } == ["text/plain", "text/html"], "\(parts)")
        let text = parts.first?["body"] ?? "", html = parts.last?["body"] ?? ""
        // The text part is today's body: the users' words as they are.
        for expected in ["Hello Alice Example", "Lead:     Dana <b>Smith</b>", "<script>alert(1)</script> & \"Co\"",
                         "followupctl touch log L1"] {
            #expect(text.contains(expected), "missing \(expected) in\n\(text)")
        }
        // The HTML part shows the same words, none of them as markup.
        for hostile in ["<script", "<b>", "<img", "onerror=alert(2)>"] {
            #expect(!html.contains(hostile), "\(hostile) reached the HTML as markup:\n\(html)")
        }
        for expected in ["&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;", "Dana &lt;b&gt;Smith&lt;/b&gt;",
                         "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;", "href=\"https://crm.example/leads/L1\"",
                         "America/New_York", "followupctl touch log L1"] {
            #expect(html.contains(expected), "missing \(expected) in\n\(html)")
        }
        #expect(daemon.signal(SIGTERM) == 0)
        smtp.stop()
    }
}
