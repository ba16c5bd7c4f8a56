import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Notifiers through the real followupd binary, against a real webhook relay
/// (a python3 HTTP server that checks the HMAC signature and the
/// Idempotency-Key) and a real SMTP server (Debian's python3-aiosmtpd).
/// The daemon runs on a scaled clock at real speed, so retries really wait.
@Suite(.serialized) struct NotifyEndToEndTests {
    static let start = "2026-11-24T15:00:00Z"  // a Tuesday, inside office hours
    static let capture = #"[{"type":"rep.upserted","rep":{"id":"alice","name":"Alice Example","email":"alice@example.com","team":"sales"}},{"type":"lead.captured","lead":{"id":"L1","source":"web_form","name":"Dana Smith","email":"dana@acme.test","phone":"+1 555 0100","company":"Acme","title":"VP Sales","owner":"alice"}},{"type":"lead.activity","lead":"L1","action":"pdf_download"}]"#

    /// A scratch directory with the webhook secret in it.
    static func scratch() throws -> (URL, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("followupd-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let secret = dir.appendingPathComponent("webhook.secret").path
        try "s3cret-for-tests\n".write(toFile: secret, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret)
        return (dir, secret)
    }

    static func webhookReceivers(port: Int, secret: String, batch: Int = 1, extra: String = "") -> String {
        """
        receivers:
          - name: log
            kind: log
          - name: relay
            kind: webhook
            url: http://127.0.0.1:\(port)/hook
            secret_file: \(secret)
            timeout: 5s
            batch: \(batch)
            headers:
              X-Test-Header: from-config
        routes:
          - kinds: [lead.assigned, touch.due, sla.breached, lead.unrouted, nurture.due, lead.acknowledgement]
            receivers: [relay]
        retry:
          base: 1s
          cap: 4s
        \(extra)
        """
    }

    /// Leads L1…Ln captured for alice in one request: n `lead.assigned` notifications.
    static func leads(_ n: Int) -> String {
        let rep = #"{"type":"rep.upserted","rep":{"id":"alice","email":"alice@example.com","team":"sales"}}"#
        let leads = (1...n).map { #"{"type":"lead.captured","lead":{"id":"L\#($0)","source":"web_form","email":"l\#($0)@x.test","owner":"alice"}}"# }
        return "[" + ([rep] + leads).joined(separator: ",") + "]"
    }

    @Test func webhookDeliversSignedWithTheIdempotencyKey() throws {
        let (dir, secret) = try Self.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let relay = try RelayProcess.webhook(secretFile: secret, log: log)
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1,
                                       receivers: Self.webhookReceivers(port: relay.port, secret: secret), directory: dir)
        #expect(try daemon.post("/v1/events", Self.capture).status == 200)
        #expect(RelayProcess.waitUntil(10) { RelayProcess.lines(log).count >= 1 }, "relay got nothing: \(daemon.stderr)")
        usleep(500_000)
        let got = RelayProcess.lines(log)
        #expect(got.count == 1, "\(got)")
        #expect(got.first?["key"] as? String == "L1:lead.assigned:1:1")
        #expect(got.first?["id"] as? String == "L1:lead.assigned:1:1")
        #expect(got.first?["sig_ok"] as? Bool == true)
        #expect(got.first?["extra"] as? String == "from-config")
        // The route sent it to the relay only: the log receiver printed nothing.
        #expect(daemon.notifications.isEmpty)
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }

    /// `batch: 10`: 25 notifications go as signed JSON arrays of at most 10,
    /// each keyed by its ids. The relay refuses every request holding L13's
    /// notification (422): that batch is then sent one by one, so L13 alone
    /// becomes a dead letter and its neighbours arrive.
    @Test func webhookBatchesSignedArraysAndARefusedBatchIsSplit() throws {
        let (dir, secret) = try Self.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let relay = try RelayProcess.webhook(secretFile: secret, log: log, refusing: "L13")
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1,
                                       receivers: Self.webhookReceivers(port: relay.port, secret: secret, batch: 10), directory: dir)
        #expect(try daemon.post("/v1/events", Self.leads(25)).status == 200)
        let all = Set((1...25).map { "L\($0):lead.assigned:1:1" })
        let delivered = { () -> [String] in
            RelayProcess.lines(log).filter { $0["status"] as? Int == 200 }.flatMap { $0["ids"] as? [String] ?? [] }
        }
        #expect(RelayProcess.waitUntil(15) { Set(delivered()).count >= 24 }, "relay got \(RelayProcess.lines(log))")
        usleep(1_500_000)  // nothing more trickles in
        let requests = RelayProcess.lines(log)
        let sizes: [Int] = requests.map { ($0["ids"] as? [String] ?? []).count }
        #expect(requests.allSatisfy { $0["sig_ok"] as? Bool == true && $0["key_ok"] as? Bool == true }, "\(requests)")
        #expect(sizes.allSatisfy { $0 >= 1 && $0 <= 10 }, "\(sizes)")
        // The first request of a batch receiver carries more than one notification.
        #expect((sizes.first ?? 0) > 1, "\(sizes)")
        #expect(delivered().sorted() == all.subtracting(["L13:lead.assigned:1:1"]).sorted(), "each once: \(delivered())")
        // L13: refused in its batch, then alone, then never again.
        let l13 = requests.filter { ($0["ids"] as? [String] ?? []).contains("L13:lead.assigned:1:1") }
        let l13Sizes: [Int] = l13.map { ($0["ids"] as? [String] ?? []).count }
        #expect(l13Sizes.count == 2 && l13Sizes.first! > 1 && l13Sizes.last == 1, "\(l13)")
        #expect(l13.allSatisfy { $0["status"] as? Int == 422 })
        let dead = try daemon.get("/v1/outbox?state=dead&receiver=relay").body
        #expect(dead.contains("L13:lead.assigned:1:1") && dead.contains("422"), "\(dead)")
        #expect(dead.components(separatedBy: "\"id\":").count - 1 == 1, "\(dead)")
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }

    @Test func relayDownRetriesWithGrowingGapsThenDeliversEachOnce() throws {
        let (dir, secret) = try Self.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let port = try freePort()
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1,
                                       receivers: Self.webhookReceivers(port: port, secret: secret), directory: dir)
        #expect(try daemon.post("/v1/events", Self.leads(3)).status == 200)
        // Down for ~7.5 s: attempts at about 0, 1, 3, 7 s.
        usleep(7_500_000)
        let retries = Self.retryTimes(in: daemon.stderr, id: "L1:lead.assigned:1:1")
        #expect(retries.count >= 3, "\(daemon.stderr)")
        let gaps = zip(retries.dropFirst(), retries).map { $0 - $1 }
        // 1 s, then 2 s, then 4 s ±20% (capped at 4 s, so never more than 5 s).
        #expect(gaps.count >= 2 && gaps[1] > gaps[0] && gaps.allSatisfy { $0 <= 5 }, "gaps between retries must grow: \(retries)")
        let pending = try daemon.get("/v1/outbox?state=pending&receiver=relay")
        #expect(pending.body.contains("\"attempts\":"), "\(pending.body)")
        let relay = try RelayProcess.webhook(port: port, secretFile: secret, log: log)
        #expect(RelayProcess.waitUntil(10) { RelayProcess.lines(log).count >= 3 }, "not delivered after the relay came back")
        usleep(2_500_000)  // no duplicates trickle in
        let ids = RelayProcess.lines(log).compactMap { $0["key"] as? String }
        #expect(ids.sorted() == ["L1:lead.assigned:1:1", "L2:lead.assigned:1:1", "L3:lead.assigned:1:1"], "\(ids)")
        #expect(RelayProcess.lines(log).allSatisfy { $0["sig_ok"] as? Bool == true })
        #expect(try daemon.get("/v1/outbox?state=delivered&receiver=relay").body.components(separatedBy: "\"id\":").count - 1 == 3)
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }

    @Test func clientErrorIsADeadLetterWithoutAStormAndAdminsCanRetryOrDropIt() throws {
        let (dir, secret) = try Self.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let relay = try RelayProcess.webhook(secretFile: secret, log: log, status: 422)
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1,
                                       receivers: Self.webhookReceivers(port: relay.port, secret: secret), directory: dir)
        #expect(try daemon.post("/v1/events", Self.leads(1)).status == 200)
        #expect(RelayProcess.waitUntil(10) { RelayProcess.lines(log).count >= 1 })
        usleep(3_000_000)
        #expect(RelayProcess.lines(log).count == 1, "a 4xx must not be retried")
        let ctl = { (args: [String]) throws -> Subprocess in
            try Subprocess.run(Subprocess.followupctl, args + ["--socket", daemon.socket], directory: dir.path)
        }
        let dead = try ctl(["outbox", "list", "--state", "dead"])
        #expect(dead.status == 0, "\(dead.stderr)")
        #expect(dead.stdout.contains("L1:lead.assigned:1:1") && dead.stdout.contains("422"), "\(dead.stdout)")
        let metrics = try daemon.get("/metrics").body
        #expect(metrics.contains(#"followupd_dead_letters{receiver="relay"} 1"#), "\(metrics)")
        let retry = try ctl(["outbox", "retry", "L1:lead.assigned:1:1"])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(RelayProcess.waitUntil(10) { RelayProcess.lines(log).count >= 2 }, "retry did not re-send")
        #expect(RelayProcess.waitUntil(5) { (try? daemon.get("/v1/outbox?state=dead").body.contains("L1:lead.assigned:1:1")) == true })
        let drop = try ctl(["outbox", "drop", "L1:lead.assigned:1:1"])
        #expect(drop.status == 0, "\(drop.stderr)")
        #expect(try !daemon.get("/v1/outbox?state=dead").body.contains("L1:lead.assigned:1:1"))
        let again = try ctl(["outbox", "drop", "L1:lead.assigned:1:1"])
        #expect(again.status != 0 && again.stderr.contains("no undelivered notification"), "\(again.stderr)")
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }

    @Test func aFailingReceiverFallsBackSoRemindersAreNotSilenced() throws {
        let (dir, secret) = try Self.scratch()
        let port = try freePort()
        let receivers = Self.webhookReceivers(port: port, secret: secret, extra: "fallback:\n  receiver: log\n  after: 2s")
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1, receivers: receivers, directory: dir)
        #expect(try daemon.post("/v1/events", Self.leads(2)).status == 200)
        let printed = daemon.waitForNotifications(2, seconds: 15)
        #expect(printed.compactMap { $0["id"] as? String }.sorted() == ["L1:lead.assigned:1:1", "L2:lead.assigned:1:1"],
                "\(daemon.stderr)")
        let delivered = try daemon.get("/v1/outbox?state=delivered&receiver=relay").body
        #expect(delivered.contains(#""via":"log""#), "\(delivered)")
        #expect(try daemon.get("/metrics").body.contains(#"outcome="fallback""#))
        #expect(daemon.signal(SIGTERM) == 0)
    }

    @Test func restartResumesPendingDeliveries() throws {
        let (dir, secret) = try Self.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let port = try freePort()
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1,
                                       receivers: Self.webhookReceivers(port: port, secret: secret), directory: dir)
        #expect(try daemon.post("/v1/events", Self.leads(2)).status == 200)
        usleep(1_500_000)
        #expect(daemon.signal(SIGKILL) != nil)
        let relay = try RelayProcess.webhook(port: port, secretFile: secret, log: log)
        try daemon.start()
        #expect(RelayProcess.waitUntil(15) { RelayProcess.lines(log).count >= 2 }, "\(daemon.stderr)")
        usleep(1_000_000)
        let ids = RelayProcess.lines(log).compactMap { $0["key"] as? String }.sorted()
        #expect(ids == ["L1:lead.assigned:1:1", "L2:lead.assigned:1:1"])
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }

    /// SIGTERM while webhook requests wait for a slow relay's answer: they
    /// finish and are recorded, so the restarted daemon sends nothing again.
    @Test func aGracefulStopLetsRequestsOnTheWireFinish() throws {
        let (dir, secret) = try Self.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let relay = try RelayProcess.webhook(secretFile: secret, log: log, delay: 2)
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1,
                                       receivers: Self.webhookReceivers(port: relay.port, secret: secret), directory: dir)
        #expect(try daemon.post("/v1/events", Self.leads(3)).status == 200)
        #expect(RelayProcess.waitUntil(10) { RelayProcess.lines(log).count >= 3 }, "\(daemon.stderr)")
        // All three are on the wire, their answers ~2 s away.
        let stopped = Date()
        #expect(daemon.signal(SIGTERM) == 0)
        #expect(Date().timeIntervalSince(stopped) > 1, "the stop did not wait for the answers")
        try daemon.start()
        usleep(2_500_000)
        #expect(RelayProcess.lines(log).count == 3, "sent again after the restart: \(RelayProcess.lines(log))")
        let delivered = try daemon.get("/v1/outbox?state=delivered&receiver=relay").body
        #expect(delivered.components(separatedBy: "\"id\":").count - 1 == 3, "\(delivered)")
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }

    @Test func stillFailingAfterDeadLetterAfterIsADeadLetter() throws {
        let (dir, secret) = try Self.scratch()
        let port = try freePort()
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1, receivers: Self.webhookReceivers(
            port: port, secret: secret, extra: "dead_letter_after: 3s"), directory: dir)
        #expect(try daemon.post("/v1/events", Self.leads(1)).status == 200)
        #expect(RelayProcess.waitUntil(12) { (try? daemon.get("/v1/outbox?state=dead").body.contains("dead letter after 3s")) == true },
                "\(daemon.stderr)")
        let attempts = Self.retryTimes(in: daemon.stderr, id: "L1:lead.assigned:1:1").count
        usleep(2_500_000)
        #expect(Self.retryTimes(in: daemon.stderr, id: "L1:lead.assigned:1:1").count == attempts, "no attempts after the dead letter")
        #expect(try daemon.get("/metrics").body.contains(#"followupd_dead_letters{receiver="relay"} 1"#))
        #expect(daemon.signal(SIGTERM) == 0)
    }

    @Test func outboxEndpointsNameWhatIsWrong() throws {
        let daemon = try DaemonProcess(clockStart: Self.start)
        let badState = try daemon.get("/v1/outbox?state=lost")
        #expect(badState.status == 400 && badState.body.contains(#""field":"state""#), "\(badState.body)")
        let badParameter = try daemon.get("/v1/outbox?colour=red")
        #expect(badParameter.status == 400 && badParameter.body.contains(#""field":"colour""#), "\(badParameter.body)")
        let badLimit = try daemon.get("/v1/outbox?limit=0")
        #expect(badLimit.status == 400 && badLimit.body.contains(#""field":"limit""#), "\(badLimit.body)")
        let unknown = try daemon.send("DELETE", "/v1/outbox/L9:lead.assigned:1:1")
        #expect(unknown.status == 404 && unknown.body.contains(#""field":"id""#), "\(unknown.body)")
        let retry = try daemon.send("POST", "/v1/outbox/L9:lead.assigned:1:1/retry")
        #expect(retry.status == 404, "\(retry.body)")
        #expect(try daemon.get("/v1/outbox").body == #"{"notifications":[]}"#)
        #expect(daemon.signal(SIGTERM) == 0)
    }

    /// A config change (new routes, a new receiver) takes effect on restart; what was
    /// delivered is never sent again, and what was queued keeps the receivers it was routed to.
    @Test func aChangedConfigNeverResendsWhatWasDelivered() throws {
        let (dir, secret) = try Self.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let relay = try RelayProcess.webhook(secretFile: secret, log: log)
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1,
                                       receivers: Self.webhookReceivers(port: relay.port, secret: secret), directory: dir)
        #expect(try daemon.post("/v1/events", Self.leads(2)).status == 200)
        #expect(RelayProcess.waitUntil(10) { RelayProcess.lines(log).count >= 2 })
        #expect(daemon.signal(SIGTERM) == 0)
        // Everything to both receivers now, and the clock restarts at the same instant.
        try daemon.writeConfig(clockStart: Self.start, scaledRate: 1, receivers: """
            receivers:
              - name: log
                kind: log
              - name: relay
                kind: webhook
                url: http://127.0.0.1:\(relay.port)/hook
                secret_file: \(secret)
            """)
        try daemon.start()
        #expect(try daemon.post("/v1/events", #"{"type":"lead.captured","lead":{"id":"L9","source":"web_form","email":"l9@x.test","owner":"alice"}}"#).status == 200)
        #expect(RelayProcess.waitUntil(10) { RelayProcess.lines(log).count >= 3 })
        _ = daemon.waitForNotifications(1)
        usleep(1_500_000)
        let ids = RelayProcess.lines(log).compactMap { $0["key"] as? String }.sorted()
        #expect(ids == ["L1:lead.assigned:1:1", "L2:lead.assigned:1:1", "L9:lead.assigned:1:1"], "\(ids)")
        #expect(daemon.notifications.compactMap { $0["id"] as? String } == ["L9:lead.assigned:1:1"])
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }

    @Test func smtpDeliversTheTemplatedMessageToTheRep() throws {
        let (dir, _) = try Self.scratch()
        let (smtp, mail) = try RelayProcess.smtp(in: dir)
        let templates = DaemonProcess.root.appendingPathComponent("etc/followup/templates").path
        let receivers = """
            receivers:
              - name: email
                kind: smtp
                host: 127.0.0.1
                port: \(smtp.port)
                from: "followupd <followupd@example.com>"
                timeout: 10s
            templates: \(templates)
            """
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1, receivers: receivers, directory: dir)
        #expect(try daemon.post("/v1/events", Self.capture).status == 200)
        let eml = mail.appendingPathComponent("1.eml").path
        #expect(RelayProcess.waitUntil(10) { FileManager.default.fileExists(atPath: eml) }, "no mail: \(daemon.stderr)")
        let message = try String(contentsOfFile: eml, encoding: .utf8)
        let envelope = try String(contentsOfFile: mail.appendingPathComponent("1.json").path, encoding: .utf8)
        #expect(envelope.contains("alice@example.com") && envelope.contains("followupd@example.com"), "\(envelope)")
        for expected in ["Message-ID: <L1.lead.assigned.1.1@followupd>", "To: alice@example.com",
                         "From: followupd <followupd@example.com>", "Subject: New lead for you: Dana Smith (Acme)",
                         "X-Followupd-Notification: L1:lead.assigned:1:1", "Content-Type: text/plain; charset=utf-8",
                         "Hello Alice Example", "VP Sales at Acme", "Source:   web_form", "pdf_download",
                         "Touches so far (0)", "followupctl touch log L1"] {
            #expect(message.contains(expected), "missing \(expected) in\n\(message)")
        }
        usleep(500_000)
        #expect(!FileManager.default.fileExists(atPath: mail.appendingPathComponent("2.eml").path), "sent twice")
        #expect(daemon.signal(SIGTERM) == 0)
        smtp.stop()
    }

    /// STARTTLS to a relay with a private CA (`ca_file`), then AUTH PLAIN on
    /// one receiver and AUTH LOGIN on another: the sink refuses mail without
    /// both, so a message arriving proves the upgrade and the login happened.
    @Test func smtpUpgradesWithStartTLSAndAuthenticatesWithPlainAndLogin() throws {
        let (dir, _) = try Self.scratch()
        let cert = dir.appendingPathComponent("relay.pem").path, key = dir.appendingPathComponent("relay.key").path
        let made = try Subprocess.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                                                           "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                                                           "-addext", "subjectAltName=DNS:localhost"], directory: dir.path)
        try #require(made.status == 0, "\(made.stderr)")
        let password = dir.appendingPathComponent("smtp.password").path
        try "n0t-in-the-config\n".write(toFile: password, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: password)
        let (smtp, mail) = try RelayProcess.smtp(in: dir, tls: (cert, key), auth: "followupd:n0t-in-the-config")
        let receiver = { (name: String, auth: String) in
            """
              - name: \(name)
                kind: smtp
                host: localhost
                port: \(smtp.port)
                starttls: true
                ca_file: \(cert)
                auth: \(auth)
                username: followupd
                password_file: \(password)
                from: followupd@example.com
                timeout: 10s
            """
        }
        let templates = DaemonProcess.root.appendingPathComponent("etc/followup/templates").path
        let receivers = "receivers:\n" + receiver("plain", "plain") + "\n" + receiver("login", "login") + "\ntemplates: \(templates)"
        let daemon = try DaemonProcess(clockStart: Self.start, scaledRate: 1, receivers: receivers, directory: dir)
        #expect(try daemon.post("/v1/events", Self.capture).status == 200)
        let second = mail.appendingPathComponent("2.json").path
        #expect(RelayProcess.waitUntil(15) { FileManager.default.fileExists(atPath: second) }, "no mail: \(daemon.stderr)")
        let envelopes = try (1...2).map {
            try JSONSerialization.jsonObject(with: Data(contentsOf: mail.appendingPathComponent("\($0).json"))) as? [String: Any] ?? [:]
        }
        #expect(envelopes.allSatisfy { $0["tls"] as? Bool == true }, "\(envelopes)")
        #expect(Set(envelopes.compactMap { $0["login"] as? String }) == ["PLAIN followupd", "LOGIN followupd"], "\(envelopes)")
        #expect(!daemon.stderr.contains("n0t-in-the-config"), "the password must not be logged")
        #expect(daemon.signal(SIGTERM) == 0)
        smtp.stop()
    }

    @Test func checkConfigNamesABrokenTemplateFile() throws {
        let (dir, _) = try Self.scratch()
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: DaemonProcess.root.appendingPathComponent("etc/followup/templates"), to: templates)
        try "Hello {{#rep.name}}\n{{/lead}}\n".write(to: templates.appendingPathComponent("touch.due.text.mustache"),
                                                   atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("nurture.due.subject.mustache"))
        let config = dir.appendingPathComponent("followupd.yaml").path
        try """
            database: \(dir.path)/state.sqlite
            rules: \(DaemonProcess.root.appendingPathComponent("etc/followup/rules.d").path)
            listen: [unix:\(dir.path)/api.sock]
            receivers:
              - name: email
                kind: sendmail
                from: followupd@example.com
            templates: \(templates.path)
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let run = try Subprocess.run(DaemonProcess.binary, ["--config", config, "--check-config"], directory: dir.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(templates.path)/touch.due.text.mustache:2:"), "\(run.stderr)")
        #expect(run.stderr.contains("\(templates.path)/nurture.due.subject.mustache: error: missing template"), "\(run.stderr)")
    }

    /// The `retry at` instants the daemon logged for one notification, in seconds since the epoch.
    static func retryTimes(in log: String, id: String) -> [Int64] {
        log.split(separator: "\n").filter { $0.contains("delivery of \(id) ") && $0.contains("retry at ") }.compactMap { line in
            guard let range = line.range(of: "retry at ") else { return nil }
            let text = String(line[range.upperBound...].prefix(20))
            return ISO8601DateFormatter().date(from: text).map { Int64($0.timeIntervalSince1970) }
        }
    }
}
