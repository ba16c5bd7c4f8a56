import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Free text with line breaks is accepted at the API (a lead's name, company
/// and title are the lead's words) and must be made harmless where it is
/// used: through the real daemon's smtp and sendmail receivers to the real
/// aiosmtpd sink, no CR, LF or lone CR in a name adds a header or a
/// recipient, or ends the message early (issue 11).
@Suite(.serialized) struct HostileHeaderEndToEndTests {
    /// Every header name the daemon writes into a message.
    static let ours: Set<String> = ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
                                    "Content-Transfer-Encoding", "X-Followupd-Notification", "X-Followupd-Kind", "X-Followupd-Lead"]

    static let events = #"[{"type":"rep.upserted","rep":{"id":"alice","name":"Alice\rBcc: evil-rep@y.test","email":"alice@example.com","team":"sales"}},"#
        + #"{"type":"lead.captured","lead":{"id":"L1","source":"web_form","name":"Dana\r\nBcc: evil@y.test\r\nX-Injected: name","#
        + #""company":"Acme\rX-Injected: company","title":"VP\n.\r\nMAIL FROM:<evil@y.test>\r\nRCPT TO:<evil@y.test>","owner":"alice"}}]"#

    /// The names of the header lines of a raw message (continuations skipped).
    static func headerNames(_ raw: String) -> [String] {
        let head = raw.components(separatedBy: "\r\n\r\n").first ?? raw
        return head.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("\t") }
            .map { String($0.prefix { $0 != ":" }) }
    }

    @Test func lineBreaksInNamesAddNoHeaderAndNoRecipientThroughSmtpAndSendmail() throws {
        let (dir, _) = try NotifyEndToEndTests.scratch()
        let (smtp, mail) = try RelayProcess.smtp(in: dir)
        defer { smtp.stop() }
        // A receiver's `path` takes no arguments: a wrapper hands the sink's port to the stand-in.
        let sendmail = dir.appendingPathComponent("sendmail").path
        try "#!/bin/sh\nexec /usr/bin/python3 \(RelayProcess.relays.path)/sendmail_to_smtp.py \(smtp.port) \"$@\"\n"
            .write(toFile: sendmail, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sendmail)
        let receivers = """
            receivers:
              - name: smtp
                kind: smtp
                host: 127.0.0.1
                port: \(smtp.port)
                from: followupd@example.com
                from_name: Sales Desk
                timeout: 10s
              - name: sendmail
                kind: sendmail
                path: \(sendmail)
                from: followupd@example.com
                timeout: 10s
            routes:
              - kinds: [lead.assigned]
                receivers: [smtp, sendmail]
            templates: \(DaemonProcess.root.appendingPathComponent("etc/followup/templates").path)
            """
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1, receivers: receivers, directory: dir)
        #expect(try daemon.post("/v1/events", Self.events).status == 200)
        let delivered = { (try? daemon.get("/v1/outbox?state=delivered").body) ?? "" }
        #expect(RelayProcess.waitUntil(15) { delivered().components(separatedBy: "\"L1:lead.assigned:").count == 3 },
                "not delivered by both: \(delivered()) \((try? daemon.get("/v1/outbox").body) ?? "") \(daemon.stderr)")
        usleep(500_000)
        let sent = try FileManager.default.contentsOfDirectory(atPath: mail.path).filter { $0.hasSuffix(".eml") }.sorted()
        #expect(sent == ["1.eml", "2.eml"], "one message per receiver, nothing smuggled: \(sent)")
        for name in sent {
            let raw = try String(contentsOf: mail.appendingPathComponent(name), encoding: .utf8)
            let envelopeURL = mail.appendingPathComponent(name.replacingOccurrences(of: ".eml", with: ".json"))
            let envelope = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: envelopeURL)) as? [String: Any])
            #expect(envelope["to"] as? [String] == ["alice@example.com"], "\(name): \(envelope["to"] ?? "")")
            #expect((envelope["defects"] as? [String]) == [], "\(name): \(envelope["defects"] ?? "")")
            let names = Self.headerNames(raw)
            #expect(names.allSatisfy { Self.ours.contains($0) }, "\(name): a header we did not write: \(names)\n\(raw)")
            let head = raw.components(separatedBy: "\r\n\r\n").first ?? raw
            let bare = raw.replacingOccurrences(of: "\r\n", with: "")
            #expect(!bare.contains("\r") && !bare.contains("\n"), "\(name): a lone CR or LF reached the relay: \(raw.debugDescription)")
            // The words are still there: on one line in the Subject, as lines of text in the body.
            #expect(head.contains("Subject: New lead for you: Dana Bcc: evil@y.test X-Injected: name (Acme X-Injected: company)"), "\(name):\n\(head)")
        }
        #expect(daemon.signal(SIGTERM) == 0)
    }
}
