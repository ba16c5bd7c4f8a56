import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// An address that got past the API (written into the store by an older
/// version, or by hand) must still never reach the SMTP dialogue: the real
/// aiosmtpd sink receives nothing, and the notification is a dead letter,
/// not "delivered".
@Suite(.serialized) struct HostileAddressEndToEndTests {
    static let start = "2026-11-24T15:00:00Z"  // a Tuesday, inside office hours
    /// The issue's address: it once made the smtp receiver send this DATA itself.
    static let injection = "'r1@x.test>' || char(13,10) || 'DATA' || char(13,10) || 'Subject: injected' || char(13,10,13,10)"
        + " || 'hi' || char(13,10) || '.' || char(13,10) || 'NOOP'"

    @Test func anInjectedAddressInTheStoreSendsNothingAndIsADeadLetter() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("followupd-hostile-\(UUID().uuidString)")
        let (smtp, mail) = try RelayProcess.smtp(in: dir)
        defer { smtp.stop() }
        let receivers = """
            receivers:
              - name: email
                kind: smtp
                host: 127.0.0.1
                port: \(smtp.port)
                from: "followupd <followupd@example.com>"
                timeout: 10s
            templates: \(DaemonProcess.root.appendingPathComponent("etc/followup/templates").path)
            """
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1, receivers: receivers, directory: dir)
        let rep = #"{"type":"rep.upserted","rep":{"id":"r1","name":"Rep One","email":"r1@x.test","team":"sales"}}"#
        #expect(try daemon.post("/v1/events", rep).status == 200)
        #expect(daemon.signal(SIGTERM) == 0)
        let edit = try Subprocess.run("/usr/bin/sqlite3", [daemon.database, "UPDATE reps SET email = \(Self.injection) WHERE id = 'r1'"],
                                      directory: dir.path)
        #expect(edit.status == 0, "\(edit.stderr)")
        try daemon.start()
        let lead = #"{"type":"lead.captured","lead":{"id":"L1","source":"web_form","name":"Dana","owner":"r1"}}"#
        #expect(try daemon.post("/v1/events", lead).status == 200)
        let dead = { (try? daemon.get("/v1/outbox?state=dead").body) ?? "" }
        #expect(RelayProcess.waitUntil(10) { dead().contains("\"L1:lead.assigned:") }, "not a dead letter: \(dead()) \(daemon.stderr)")
        #expect(dead().contains("address"), "\(dead())")
        usleep(1_000_000)
        let sent = try FileManager.default.contentsOfDirectory(atPath: mail.path).filter { $0.hasSuffix(".eml") }
        #expect(sent.isEmpty, "the sink received \(sent): \(sent.compactMap { try? String(contentsOf: mail.appendingPathComponent($0), encoding: .utf8) })")
        let delivered = try daemon.get("/v1/outbox?state=delivered").body
        #expect(!delivered.contains("\"L1:lead.assigned:"), "recorded delivered: \(delivered)")
        #expect(daemon.signal(SIGTERM) == 0)
    }

    /// A notification id with a CR LF, as a store written before ids were
    /// checked may hold: the webhook's `Idempotency-Key` is percent-encoded,
    /// so the POST goes out and is delivered. It was no valid header value: the
    /// request failed before it was sent, and was retried (and probed with)
    /// until it went dead (issue 11: control characters in ids stall a receiver).
    @Test func aStoredIdWithALineBreakIsDeliveredUnderAnEncodedKey() throws {
        let (dir, secret) = try NotifyEndToEndTests.scratch()
        let port = try freePort()
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1,
                                       receivers: NotifyEndToEndTests.webhookReceivers(port: port, secret: secret), directory: dir)
        #expect(try daemon.post("/v1/events", NotifyEndToEndTests.leads(1)).status == 200)
        #expect(RelayProcess.waitUntil(10) { daemon.stderr.contains("retry at") }, "\(daemon.stderr)")
        #expect(daemon.signal(SIGTERM) == 0)
        let edit = try Subprocess.run("/usr/bin/sqlite3", [daemon.database, """
            UPDATE outbox SET id = replace(id, 'L1:', 'L' || char(13, 10) || '1:'),
                              payload = replace(payload, '"id":"L1:', '"id":"L\\r\\n1:')
            WHERE receiver = 'relay'
            """], directory: dir.path)
        #expect(edit.status == 0, "\(edit.stderr)")
        let log = dir.appendingPathComponent("relay.log").path
        let relay = try RelayProcess.webhook(port: port, secretFile: secret, log: log)
        defer { relay.stop() }
        try daemon.start()
        #expect(RelayProcess.waitUntil(15) { !RelayProcess.lines(log).isEmpty }, "nothing reached the relay: \(daemon.stderr)")
        let keys = RelayProcess.lines(log).compactMap { $0["key"] as? String }
        #expect(keys.first == "L%0D%0A1:lead.assigned:1:1", "\(keys)")
        let delivered = { (try? daemon.get("/v1/outbox?state=delivered").body) ?? "" }
        #expect(RelayProcess.waitUntil(5) { delivered().contains(#""id":"L\r\n1:lead.assigned:1:1""#) }, "\(delivered())")
        #expect(daemon.signal(SIGTERM) == 0)
    }
}
