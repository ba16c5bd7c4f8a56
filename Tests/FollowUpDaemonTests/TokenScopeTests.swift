import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Token scopes on the real followupd's TCP listener, the way a CRM, a manager's
/// browser and a rep's calendar app meet them: each scope allowed and refused,
/// tokens in URLs, the token file reloaded on SIGHUP, and a token file other
/// users can read refused at start.
@Suite(.serialized) struct TokenScopeTests {
    static let admin = "admin-token-0a1b", write = "crm-write-token-2c3d", read = "managers-read-token-4e5f"
    static let aliceFeed = "alice-feed-token-6a7b"

    static func writeTokens(_ text: String, to daemon: DaemonProcess, mode: Int = 0o600) throws {
        try text.write(toFile: daemon.tokenFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: daemon.tokenFile)
    }

    /// A daemon on TCP with one token of each scope, and reps alice and bob.
    static func daemon() throws -> DaemonProcess {
        let daemon = try DaemonProcess(clockStart: "2026-12-08T16:30:00Z", tcp: true) { daemon in
            try writeTokens("# scoped tokens\nadmin \(admin)\nwrite \(write)   # the CRM\nread \(read)\nfeed:alice \(aliceFeed)\n",
                            to: daemon)
        }
        let reps = try daemon.post("/v1/events", """
            [{"type":"rep.upserted","rep":{"id":"alice","email":"alice@x.test","team":"sales"}},
             {"type":"rep.upserted","rep":{"id":"bob","email":"bob@x.test","team":"sales"}}]
            """)
        #expect(reps.status == 200, "\(reps.body)")
        return daemon
    }

    /// `(status, JSON body, body as text)` of `method path` on the TCP listener, with `token` as a bearer header.
    static func call(_ daemon: DaemonProcess, _ method: String, _ path: String, token: String? = nil,
                     body: String? = nil) throws -> (status: Int, json: [String: Any], body: String) {
        var arguments = ["-s", "-X", method, "-w", "\n%{http_code}", try daemon.tcpBaseURL + path]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let out = try Subprocess.run("/usr/bin/curl", arguments, directory: nil).stdout
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        let json = (try? JSONSerialization.jsonObject(with: Data(lines.dropLast().joined(separator: "\n").utf8))) as? [String: Any]
        return (Int(lines.last ?? "") ?? -1, json ?? [:], lines.dropLast().joined(separator: "\n"))
    }

    /// The `error` object of a refusal.
    static func error(_ reply: (status: Int, json: [String: Any], body: String)) -> [String: Any] {
        reply.json["error"] as? [String: Any] ?? [:]
    }

    @Test func eachScopeOpensItsEndpointsAndNoOthers() throws {
        let daemon = try Self.daemon()
        let event = #"{"type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"d@acme.test","owner":"alice"}}"#

        // read: the GET endpoints, nothing that writes.
        #expect(try Self.call(daemon, "GET", "/v1/leads", token: Self.read).status == 200)
        #expect(try Self.call(daemon, "GET", "/v1/report", token: Self.read).status == 200)
        let readPosts = try Self.call(daemon, "POST", "/v1/events", token: Self.read, body: event)
        #expect(readPosts.status == 403)
        #expect(Self.error(readPosts)["scope"] as? String == "write", "\(readPosts.json)")
        #expect((Self.error(readPosts)["message"] as? String)?.contains("needs a token with scope write; this token has scope read") == true)

        // write: events, and what read does; not the operator's levers.
        #expect(try Self.call(daemon, "POST", "/v1/events", token: Self.write, body: event).status == 200)
        #expect(try Self.call(daemon, "GET", "/v1/reps/alice/queue", token: Self.write).status == 200)
        for (method, path) in [("POST", "/v1/rules/reload"), ("GET", "/v1/outbox"), ("POST", "/v1/outbox/x/retry"),
                               ("DELETE", "/v1/outbox/x"), ("POST", "/v1/testing/clock")] {
            let refused = try Self.call(daemon, method, path, token: Self.write, body: method == "POST" ? "{}" : nil)
            #expect(refused.status == 403 && Self.error(refused)["scope"] as? String == "admin", "\(method) \(path): \(refused)")
        }

        // admin: everything.
        #expect(try Self.call(daemon, "POST", "/v1/rules/reload", token: Self.admin).status == 200)
        #expect(try Self.call(daemon, "GET", "/v1/outbox", token: Self.admin).status == 200)
        #expect(try Self.call(daemon, "GET", "/v1/leads/L1", token: Self.admin).status == 200)

        // feed:alice: alice's calendar feed, by URL or header, and nothing else.
        #expect(try Self.call(daemon, "GET", "/v1/reps/alice/calendar.ics?token=\(Self.aliceFeed)").status == 200)
        #expect(try Self.call(daemon, "GET", "/v1/reps/alice/calendar.ics", token: Self.aliceFeed).status == 200)
        let bobs = try Self.call(daemon, "GET", "/v1/reps/bob/calendar.ics?token=\(Self.aliceFeed)")
        #expect(bobs.status == 403 && (Self.error(bobs)["message"] as? String)?.contains("only the calendar feed of rep \"alice\"") == true,
                "\(bobs)")
        for path in ["/v1/leads", "/v1/reps/alice/queue"] {
            let refused = try Self.call(daemon, "GET", path, token: Self.aliceFeed)
            #expect(refused.status == 403 && Self.error(refused)["scope"] as? String == "read", "\(path): \(refused)")
        }
        // The dashboard is read in a browser: its errors are pages, naming the scope needed.
        let page = try Self.call(daemon, "GET", "/dashboard", token: Self.aliceFeed)
        #expect(page.status == 403 && page.body.hasPrefix("<!DOCTYPE html>") && page.body.contains("a token with scope read"), "\(page)")
        #expect(try Self.call(daemon, "GET", "/dashboard?token=\(Self.aliceFeed)").status == 403)

        // URLs carry only read and feed tokens: a write or admin token there is refused, saying why.
        #expect(try Self.call(daemon, "GET", "/dashboard?token=\(Self.read)").status == 200)
        for token in [Self.write, Self.admin] {
            for path in ["/dashboard?token=\(token)", "/v1/reps/alice/calendar.ics?token=\(token)"] {
                let leaked = try Self.call(daemon, "GET", path)
                #expect(leaked.status == 403, "\(path): \(leaked)")
                #expect(leaked.body.contains("must not be sent in a URL"), "\(leaked)")
            }
        }

        // No token, or an unknown one: 401 naming the scope needed.
        let anonymous = try Self.call(daemon, "POST", "/v1/events", body: event)
        #expect(anonymous.status == 401 && Self.error(anonymous)["scope"] as? String == "write", "\(anonymous)")
        #expect(try Self.call(daemon, "GET", "/v1/leads", token: "guess").status == 401)
    }

    /// A load balancer's or Kubernetes' probe holds no token: `/healthz` answers
    /// it whether the daemon is ready, and nothing more (no rules version, no
    /// reload message that could name files); every other path still needs a
    /// token, and a wrong token on `/healthz` is still refused (issue 15).
    @Test func probesReachHealthzWithoutATokenAndNothingElse() throws {
        let daemon = try Self.daemon()
        let probe = try Self.call(daemon, "GET", "/healthz")
        #expect(probe.status == 200, "\(probe)")
        #expect(probe.json["status"] as? String == "ok" && probe.json["ready"] as? Bool == true, "\(probe.json)")
        #expect(Set(probe.json.keys) == ["status", "ready"], "\(probe.json)")
        let full = try Self.call(daemon, "GET", "/healthz", token: Self.read)
        #expect(full.status == 200 && full.json["rules_version"] != nil, "\(full)")
        #expect(try Self.call(daemon, "GET", "/healthz", token: "guess").status == 401)
        for (method, path) in [("GET", "/v1/status"), ("GET", "/metrics"), ("GET", "/v1/leads"), ("GET", "/v1/reps"),
                               ("GET", "/v1/report"), ("GET", "/dashboard"), ("GET", "/v1/reps/alice/calendar.ics"),
                               ("POST", "/v1/backup"), ("POST", "/v1/events"), ("GET", "/healthz/"), ("GET", "/healthzz"),
                               ("POST", "/healthz"), ("GET", "/nope")] {
            let refused = try Self.call(daemon, method, path, body: method == "POST" ? "{}" : nil)
            #expect(refused.status == 401, "\(method) \(path) without a token: \(refused)")
        }
    }

    /// Polls until `condition` holds (or 10 s pass).
    static func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }

    @Test func sighupRereadsTheTokenFileAndKeepsTheOldTokensWhenTheNewFileIsBad() throws {
        let daemon = try Self.daemon()
        let successor = "managers-read-token-rotated"
        try Self.writeTokens("admin \(Self.admin)\nread \(successor)\n", to: daemon)
        daemon.send(SIGHUP)
        #expect(try Self.eventually { try Self.call(daemon, "GET", "/v1/leads", token: successor).status == 200 })
        #expect(try Self.call(daemon, "GET", "/v1/leads", token: Self.read).status == 401, "the revoked token is gone")

        // A typo keeps the tokens in force and says why in the log.
        try Self.writeTokens("admin \(Self.admin)\nreed \(Self.read)\n", to: daemon)
        daemon.send(SIGHUP)
        #expect(Self.eventually { daemon.stderr.contains("token file not reloaded, the old tokens stay in force: \(daemon.tokenFile):2:1: unknown scope") },
                "\(daemon.stderr)")
        #expect(try Self.call(daemon, "GET", "/v1/leads", token: successor).status == 200)
        #expect(try Self.call(daemon, "GET", "/v1/leads", token: Self.read).status == 401)

        // So does a file every user can read.
        try Self.writeTokens("admin \(Self.admin)\nread \(Self.read)\n", to: daemon, mode: 0o644)
        daemon.send(SIGHUP)
        #expect(Self.eventually { daemon.stderr.contains("\(daemon.tokenFile) can be read by every user (mode 0644)") }, "\(daemon.stderr)")
        #expect(try Self.call(daemon, "GET", "/v1/leads", token: successor).status == 200)
        #expect(try Self.call(daemon, "GET", "/v1/leads", token: Self.read).status == 401)
        #expect(!daemon.stderr.contains(Self.read) && !daemon.stderr.contains(successor), "tokens never reach the log")
    }

    @Test func aTokenFileOtherUsersCanReadStopsTheStart() throws {
        var failure = ""
        do {
            _ = try DaemonProcess(clockStart: "2026-12-08T16:30:00Z", tcp: true) { daemon in
                try Self.writeTokens("admin \(Self.admin)\n", to: daemon, mode: 0o644)
            }
        } catch {
            failure = "\(error)"
        }
        #expect(failure.contains("can be read by every user (mode 0644): chmod 600 it, owned by the daemon's user"), "\(failure)")
        #expect(failure.contains("/tokens can be read"), "names the file: \(failure)")
        #expect(!failure.contains(Self.admin))
    }

    /// 0640 with the daemon's own group was accepted, but under the shipped
    /// unit that group is the API socket's: every rep's tool and CRM allowed
    /// on the socket could read the admin token (issue 11).
    @Test func aTokenFileTheDaemonsGroupCanReadStopsTheStart() throws {
        var failure = ""
        do {
            _ = try DaemonProcess(clockStart: "2026-12-08T16:30:00Z", tcp: true) { daemon in
                try Self.writeTokens("admin \(Self.admin)\n", to: daemon, mode: 0o640)
            }
        } catch {
            failure = "\(error)"
        }
        #expect(failure.contains("/tokens can be read by its group \(getegid()) (mode 0640): chmod 600 it, owned by the daemon's user"), "\(failure)")
        #expect(!failure.contains(Self.admin))
    }
}
