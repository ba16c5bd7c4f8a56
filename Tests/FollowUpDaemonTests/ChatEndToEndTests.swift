import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The `slack` and `teams` receivers through the real followupd binary,
/// against the real webhook relay standing in for both services: it checks
/// each body against the shape the service documents (Tests/Relays/webhook_relay.py)
/// and records it. The lead's company is hostile: Slack mrkdwn control
/// characters and a Markdown link must arrive as text.
@Suite(.serialized) struct ChatEndToEndTests {
    static let capture = #"[{"type":"rep.upserted","rep":{"id":"alice","name":"Alice Example","email":"alice@example.com","team":"sales","timezone":"America/New_York"}},{"type":"lead.captured","lead":{"id":"L1","source":"web_form","name":"Dana Smith","email":"dana@acme.test","phone":"+1 555 0100","company":"Acme <!channel> & Sons [Pay here](http://evil.test)","owner":"alice"}}]"#

    /// A `url_file` only its owner can read, holding `url`.
    static func urlFile(_ dir: URL, _ name: String, _ url: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try "\(url)\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    static func receivers(slack: String, teams: String, templates: String) -> String {
        """
        receivers:
          - name: slack
            kind: slack
            url_file: \(slack)
            timeout: 5s
          - name: teams
            kind: teams
            url_file: \(teams)
        templates: \(templates)
        lead_url: "https://crm.example/leads/{lead}"
        retry:
          base: 1s
          cap: 2s
        """
    }

    @Test func slackAndTeamsGetReadableMessagesInTheShapesTheyDocument() throws {
        let (dir, secret) = try NotifyEndToEndTests.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let relay = try RelayProcess.webhook(secretFile: secret, log: log)
        let slack = try Self.urlFile(dir, "slack.url", "http://127.0.0.1:\(relay.port)/slack/T000/B000/S3CRETSLACKTOKEN")
        let teams = try Self.urlFile(dir, "teams.url", "http://127.0.0.1:\(relay.port)/teams/workflows/run?sig=S3CRETTEAMSSIG")
        let templates = DaemonProcess.root.appendingPathComponent("etc/followup/templates").path
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1,
                                       receivers: Self.receivers(slack: slack, teams: teams, templates: templates), directory: dir)
        #expect(try daemon.post("/v1/events", Self.capture).status == 200)
        #expect(RelayProcess.waitUntil(10) { RelayProcess.lines(log).count >= 2 }, "relay got \(RelayProcess.lines(log)): \(daemon.stderr)")
        usleep(500_000)
        let got = RelayProcess.lines(log)
        #expect(got.count == 2, "each once: \(got)")
        for request in got {
            #expect((request["problems"] as? [String]) == [], "\(request["shape"] ?? "?"): \(request["problems"] ?? "no check")")
            #expect(request["status"] as? Int == 200)
            #expect(request["key"] as? String == "L1:lead.assigned:1:1")
        }
        let slackBody = try #require(got.first { $0["shape"] as? String == "slack" }?["body"] as? [String: Any])
        let blocks = try #require(slackBody["blocks"] as? [[String: Any]])
        let fields = blocks.compactMap { $0["fields"] as? [[String: Any]] }.flatMap { $0 }.compactMap { $0["text"] as? String }
        // Tuesday 15:00 UTC: the first touch is due within the hour, shown on alice's New York clock.
        #expect((slackBody["text"] as? String)?.hasPrefix("New lead for you: Dana Smith (Acme &lt;!channel&gt; &amp; Sons") == true,
                "\(slackBody["text"] ?? "")")
        #expect(fields.contains("*Company*\nAcme &lt;!channel&gt; &amp; Sons [Pay here](http://evil.test)"), "\(fields)")
        #expect(fields.contains("*Phone*\n+1 555 0100"), "\(fields)")
        #expect(fields.contains { $0.hasPrefix("*Deadline*\nTue 2026-11-24 ") && $0.hasSuffix(" America/New_York") }, "\(fields)")
        #expect(fields.contains { $0.hasPrefix("*Step*\n1: ") && $0.hasSuffix("(call)") }, "\(fields)")
        let button = blocks.compactMap { $0["elements"] as? [[String: Any]] }.flatMap { $0 }.first { $0["type"] as? String == "button" }
        #expect(button?["url"] as? String == "https://crm.example/leads/L1")

        let teamsBody = try #require(got.first { $0["shape"] as? String == "teams" }?["body"] as? [String: Any])
        let card = try #require(((teamsBody["attachments"] as? [[String: Any]])?.first?["content"]) as? [String: Any])
        let facts = (card["body"] as? [[String: Any]] ?? []).compactMap { $0["facts"] as? [[String: String]] }.flatMap { $0 }
        #expect(facts.contains(["title": "Company", "value": #"Acme <!channel> & Sons \[Pay here\](http://evil.test)"#]), "\(facts)")
        // Markdown escapes reach our own words too: Teams shows `New\_York` as New_York.
        #expect(facts.contains { $0["title"] == "Deadline" && $0["value"]?.hasSuffix(#" America/New\_York"#) == true }, "\(facts)")
        let action = (card["actions"] as? [[String: Any]])?.first
        #expect(action?["url"] as? String == "https://crm.example/leads/L1" && action?["type"] as? String == "Action.OpenUrl")
        #expect(daemon.signal(SIGTERM) == 0)
        #expect(!daemon.stderr.contains("S3CRET"), "a webhook URL reached the log")
        relay.stop()
    }

    /// A chat service that is down is retried like a webhook relay; the failure
    /// names the url_file, never the URL (the channel's credential).
    @Test func aFailingChatWebhookIsRetriedWithoutLoggingItsURL() throws {
        let (dir, _) = try NotifyEndToEndTests.scratch()
        let port = try freePort()
        let slack = try Self.urlFile(dir, "slack.url", "http://127.0.0.1:\(port)/slack/T000/B000/S3CRETSLACKTOKEN")
        let teams = try Self.urlFile(dir, "teams.url", "http://127.0.0.1:\(port)/teams/x?sig=S3CRETTEAMSSIG")
        let templates = DaemonProcess.root.appendingPathComponent("etc/followup/templates").path
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1,
                                       receivers: Self.receivers(slack: slack, teams: teams, templates: templates), directory: dir)
        #expect(try daemon.post("/v1/events", Self.capture).status == 200)
        #expect(RelayProcess.waitUntil(10) { daemon.stderr.contains("the slack webhook of \(slack)") }, "\(daemon.stderr)")
        let pending = try daemon.get("/v1/outbox?state=pending").body
        #expect(pending.contains("the teams webhook of \(teams)") || daemon.stderr.contains("the teams webhook of \(teams)"), "\(pending)")
        #expect(!pending.contains("S3CRET") && !daemon.stderr.contains("S3CRET"), "a webhook URL reached the log or the outbox")
        #expect(daemon.signal(SIGTERM) == 0)
    }
}
