import FollowUpCore
import FollowUpRules
import FollowUpTestSupport
import Foundation
import Testing

/// followupctl's daemon commands, run as the real binary against the real API
/// on a temporary socket, with the in-memory daemon behind it.
@Suite("followupctl against a live API", .serialized)
struct FollowUpCtlDaemonTests {
    static let seed = [Fixtures.alice, Fixtures.bob, Fixtures.capture("L1"), Fixtures.touch("L1", at: "2026-11-24T20:02:00Z")]
        .joined(separator: "\n") + "\n"

    /// Runs followupctl against `api`'s socket.
    static func ctl(_ api: LiveAPI, _ arguments: String..., input: String? = nil) async throws -> Subprocess {
        try await Subprocess.ctl(arguments + ["--socket", api.socketPath], input: input)
    }

    @Test("event reads JSON lines from stdin and prints what was accepted")
    func eventFromStandardInput() async throws {
        try await LiveAPI.run { api in
            let run = try await Self.ctl(api, "event", input: Self.seed)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == """
                accepted #1 rep.upserted
                accepted #2 rep.upserted
                accepted #3 lead.captured L1 → L1:lead.assigned:1:1
                accepted #4 touch.logged L1

                """)
        }
    }

    @Test("event sends its argument as is, object or array")
    func eventArgument() async throws {
        try await LiveAPI.run { api in
            let one = try await Self.ctl(api, "event", Fixtures.alice)
            #expect(one.status == 0)
            #expect(one.stdout == "accepted #1 rep.upserted\n")
            let many = try await Self.ctl(api, "event", Fixtures.array(Fixtures.bob, Fixtures.capture("L1", owner: "bob")))
            #expect(many.stdout == "accepted #2 rep.upserted\naccepted #3 lead.captured L1 → L1:lead.assigned:1:1\n")
            let bad = try await Self.ctl(api, "event", Fixtures.array(Fixtures.bob, #"{"type":"lead.status","lead":"L1","status":"maybe"}"#))
            #expect(bad.status == 1)
            #expect(bad.stderr == "followupctl: event 1: must be one of won, lost, disqualified, got \"maybe\" (field: status)\n")
        }
    }

    @Test("a bad line on stdin is reported by line number, and its batch is not applied")
    func eventBadLine() async throws {
        try await LiveAPI.run { api in
            let input = Fixtures.alice + "\n\n" + #"{"type":"lead.captured","lead":{"id":"L1","company_size":"big"}}"# + "\n"
            let run = try await Self.ctl(api, "event", input: input)
            #expect(run.status == 1)
            #expect(run.stdout == "")
            #expect(run.stderr == """
                followupctl: lines 1–3 were not applied; earlier lines were
                followupctl: line 3: expected an integer, got a string (field: lead.company_size)

                """)
            let syntax = try await Self.ctl(api, "event", input: "{\"type\":\n")
            #expect(syntax.status == 1)
            #expect(syntax.stderr.hasPrefix("followupctl: line 1: invalid JSON at column"))
        }
    }

    @Test("stdin is sent in batches of up to 1,000 events")
    func eventBatches() async throws {
        try await LiveAPI.run { api in
            var lines = [Fixtures.alice]
            for i in 1..<2_100 { lines.append(Fixtures.capture("L\(i)")) }
            let run = try await Self.ctl(api, "event", input: lines.joined(separator: "\n"))
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.split(separator: "\n").count == 2_100)
            #expect(run.stdout.hasSuffix("accepted #2100 lead.captured L2099 → L2099:lead.assigned:1:1\n"))
            #expect(await api.daemon.batchSizes == [1_000, 1_000, 100])
            let status = try await api.unix.get("/v1/status")
            #expect(status["statistics"]?["events"] == .number("2100"))
        }
    }

    @Test("lead show prints the lead and its timeline; --json the daemon's record")
    func leadShow() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: Self.seed)
            let run = try await Self.ctl(api, "lead", "show", "L1")
            #expect(run.status == 0)
            #expect(run.stdout == """
                Lead L1 — Dana, Acme (source web_form)
                  status open, priority high (triage rule high), score 0
                  owner alice (has had: alice)
                  contact dana@acme.test, +1 555 0100, time zone America/New_York
                  touches 1, last at 2026-11-24T20:02:00Z
                  step 2: due 2026-11-24T20:02:00Z, deadline 2026-11-25T20:00:00Z

                Timeline
                  2026-11-24T20:00:00Z  event #3 lead.captured for alice (from api)
                  2026-11-24T20:00:00Z  → lead.assigned to alice, step 1 (call), deadline 2026-11-24T20:05:00Z, reason new  [L1:lead.assigned:1:1; log: pending]
                  2026-11-24T20:02:00Z  event #4 touch.logged by alice: call, no_answer (from api)

                Pending
                  2026-11-24T20:02:00Z  due:2
                  2026-11-25T20:00:00Z  deadline:2

                """)
            let json = try await Self.ctl(api, "lead", "show", "L1", "--json")
            let direct = try await api.unix.get("/v1/leads/L1")
            #expect(json.stdout == direct.body + "\n")
            let missing = try await Self.ctl(api, "lead", "show", "L9")
            #expect(missing.status == 1)
            #expect(missing.stderr == "followupctl: unknown lead \"L9\"\n")
        }
    }

    @Test("leads follows every page and filters; a bad filter names its field")
    func leads() async throws {
        try await LiveAPI.run { api in
            var lines = [Fixtures.alice, Fixtures.bob]
            for i in 1...1_203 { lines.append(Fixtures.capture("L\(i)", owner: i % 3 == 0 ? "bob" : "alice")) }
            _ = try await Self.ctl(api, "event", input: lines.joined(separator: "\n"))
            let all = try await Self.ctl(api, "leads")
            #expect(all.status == 0)
            let rows = all.stdout.split(separator: "\n")
            #expect(rows.first == "ID          STATUS    PRIORITY     OWNER       STEP  DEADLINE              NAME")
            #expect(rows[1] == "L1          open      high         alice       1     2026-11-24T20:05:00Z  Dana, Acme")
            #expect(rows.last == "1203 leads")
            let bob = try await Self.ctl(api, "leads", "--owner", "bob", "--json")
            let objects = bob.stdout.split(separator: "\n")
            #expect(objects.count == 401)
            #expect(objects.allSatisfy { $0.hasPrefix(#"{"id":"L"#) && $0.contains(#""owner":"bob""#) })
            let bad = try await Self.ctl(api, "leads", "--status", "closed")
            #expect(bad.status == 1)
            #expect(bad.stdout == "")
            #expect(bad.stderr == "followupctl: unknown status \"closed\" (one of open, engaged, nurture, won, lost, disqualified, merged) (field: status)\n")
        }
    }

    @Test("queue, rep away and back, touch log")
    func repCommands() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: [Fixtures.alice, Fixtures.bob, Fixtures.capture("L1")].joined(separator: "\n"))
            api.clock.set(at("2026-11-24T20:06:00Z"))
            let queue = try await Self.ctl(api, "queue", "alice")
            #expect(queue.stdout == """
                Now for alice (1)
                  LEAD        STEP                      DUE                              DEADLINE                         OVERDUE  CONTACT
                  L1          1                         2026-11-24T20:00:00Z             2026-11-24T20:05:00Z             yes      Dana, Acme, +1 555 0100
                Next for alice (0)
                  (nothing)

                """)
            api.clock.set(at("2026-11-24T20:01:00Z"))
            // alice goes away before step 1's deadline: the lead moves to bob at once.
            let away = try await Self.ctl(api, "rep", "away", "alice", "--until", "2026-11-30T13:00:00Z", "--reason", "vacation")
            #expect(away.status == 0, "\(away.stderr)")
            #expect(away.stdout == "accepted #4 rep.availability → L1:lead.assigned:1:2\nalice is away until 2026-11-30T13:00:00Z\n")
            let back = try await Self.ctl(api, "rep", "back", "alice")
            #expect(back.stdout == "accepted #5 rep.availability\n")
            let touch = try await Self.ctl(api, "touch", "log", "L1", "--rep", "bob", "--channel", "call", "--outcome", "connected")
            #expect(touch.stdout == "accepted #6 touch.logged L1\n")
            #expect(try await api.unix.get("/v1/leads/L1")["lead"]?["status"] == .string("engaged"))
            let badChannel = try await Self.ctl(api, "touch", "log", "L1", "--rep", "bob", "--channel", "pigeon", "--outcome", "sent")
            #expect(badChannel.status == 1)
            #expect(badChannel.stderr.hasPrefix("followupctl: unknown value \"pigeon\""))
            #expect(badChannel.stderr.hasSuffix("(field: channel)\n"))
            let badTime = try await Self.ctl(api, "rep", "away", "alice", "--until", "monday")
            #expect(badTime.status != 0)
            #expect(badTime.stderr.contains("--until: \"monday\" is not a wake-up time"), "\(badTime.stderr)")
        }
    }

    @Test("snooze reads a date in the lead's time zone; lead show and queue show the wake-up")
    func snoozeUntilADate() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: Self.seed)
            api.clock.set(at("2026-11-24T20:03:00Z"))
            let run = try await Self.ctl(api, "snooze", "L1", "--until", "2026-12-14", "--rep", "alice",
                                         "--reason", "call back after the budget meeting")
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == """
                accepted #5 lead.snoozed L1
                L1 snoozed until 2026-12-14T14:00:00Z (Mon 2026-12-14 09:00 America/New_York)

                """)
            let record = try await api.unix.get("/v1/leads/L1")
            let sent = record["events"]?.items.last?["event"]
            #expect(sent?["until"] == .string("2026-12-14T14:00:00Z"))
            #expect(sent?["rep"] == .string("alice"))
            #expect(record["lead"]?["snoozed_until"] == .string("2026-12-14T14:00:00Z"))
            #expect(record["lead"]?["snooze_reason"] == .string("call back after the budget meeting"))

            let shown = try await Self.ctl(api, "lead", "show", "L1")
            #expect(shown.stdout.contains("""
                  touches 1, last at 2026-11-24T20:02:00Z
                  snoozed until 2026-12-14T14:00:00Z (call back after the budget meeting)
                  step 2 re-opens when the lead wakes

                """), "\(shown.stdout)")
            #expect(shown.stdout.contains(
                "2026-11-24T20:03:00Z  event #5 lead.snoozed until 2026-12-14T14:00:00Z by alice: call back after the budget meeting (from api)"),
                "\(shown.stdout)")
            #expect(shown.stdout.hasSuffix("Pending\n  2026-12-14T14:00:00Z  wake\n"), "\(shown.stdout)")

            // Long past step 2's deadline it is still not overdue: it sleeps.
            api.clock.set(at("2026-11-30T20:00:00Z"))
            let queue = try await Self.ctl(api, "queue", "alice")
            #expect(queue.stdout == """
                Now for alice (0)
                  (nothing)
                Next for alice (0)
                  (nothing)
                Snoozed for alice (1)
                  LEAD        STEP                      WAKES                            CONTACT
                  L1          2                         2026-12-14T14:00:00Z             Dana, Acme, +1 555 0100 — call back after the budget meeting

                """)
            let json = try await api.unix.get("/v1/reps/alice/queue")
            let row = try #require(json["snoozed"]?.items.first)
            #expect(row["overdue"] == .bool(false) && row["due"] == .null && row["deadline"] == .null)
            #expect(row["snoozed_until"] == .string("2026-12-14T14:00:00Z"))
        }
    }

    @Test("snooze counts a duration from the daemon's now; days keep the wall-clock time")
    func snoozeForADuration() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: Self.seed)
            api.clock.set(at("2026-11-24T20:03:00Z"))  // this machine's clock is far from it
            let hours = try await Self.ctl(api, "snooze", "L1", "--until", "12h")
            #expect(hours.status == 0, "\(hours.stderr)")
            #expect(hours.stdout == "accepted #5 lead.snoozed L1\nL1 snoozed until 2026-11-25T08:03:00Z\n")
            let weeks = try await Self.ctl(api, "snooze", "L1", "--until", "2w")
            #expect(weeks.stdout == "accepted #6 lead.snoozed L1\nL1 snoozed until 2026-12-08T20:03:00Z (Tue 2026-12-08 15:03 America/New_York)\n")
            let exact = try await Self.ctl(api, "snooze", "L1", "--until", "2026-12-01T16:30:00Z")
            #expect(exact.stdout == "accepted #7 lead.snoozed L1\nL1 snoozed until 2026-12-01T16:30:00Z\n")
            #expect(try await api.unix.get("/v1/leads/L1")["lead"]?["snoozed_until"] == .string("2026-12-01T16:30:00Z"),
                    "a second snooze replaces the first")
        }
    }

    @Test("snooze: a bad TIME is refused before sending; the daemon's 400 is shown with its field")
    func snoozeErrors() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: Self.seed)
            api.clock.set(at("2026-11-24T20:03:00Z"))
            let bad = try await Self.ctl(api, "snooze", "L1", "--until", "monday")
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("--until: \"monday\" is not a wake-up time"), "\(bad.stderr)")
            let tooFar = try await Self.ctl(api, "snooze", "L1", "--until", "2027-06-01")
            #expect(tooFar.status == 1)
            #expect(tooFar.stdout == "")
            #expect(tooFar.stderr.hasPrefix("followupctl: 2027-06-01T13:00:00Z is more than max_snooze"), "\(tooFar.stderr)")
            #expect(tooFar.stderr.hasSuffix(" (field: until)\n"), "\(tooFar.stderr)")
            let past = try await Self.ctl(api, "snooze", "L1", "--until", "2026-11-24T20:00:00Z")
            #expect(past.status == 1)
            #expect(past.stderr.hasSuffix(" (field: until)\n"), "\(past.stderr)")
            let unknown = try await Self.ctl(api, "snooze", "L9", "--until", "2026-12-14")
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "followupctl: unknown lead \"L9\"\n")
            #expect(try await api.unix.get("/v1/leads/L1")["lead"]?["snoozed_until"] == .null, "nothing was applied")
        }
    }

    @Test("status prints health and counts")
    func status() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: Self.seed)
            let run = try await Self.ctl(api, "status")
            #expect(run.status == 0)
            #expect(run.stdout == """
                followupd at unix:\(api.socketPath): ok
                  now              2026-11-24T19:00:00Z
                  rules            version test-rules; last reload 2026-11-24T19:00:00Z ok
                  fire lag p99     250 ms
                  events           4
                  leads            open 1, engaged 0, nurture 0, won 0, lost 0, disqualified 0, merged 0
                  timers           2 pending, next at 2026-11-24T20:02:00Z
                  outbox           pending 1, delivered 0, dead 0

                """)
            await api.daemon.setReady(false)
            #expect(try await Self.ctl(api, "status").status == 1)
        }
    }

    @Test("FOLLOWUPCTL_SOCKET stands in for --socket; an option still wins; --version on both binaries")
    func environmentAndVersion() async throws {
        try await LiveAPI.run { api in
            let viaEnvironment = try Subprocess.run("/usr/bin/env", ["FOLLOWUPCTL_SOCKET=\(api.socketPath)", Subprocess.followupctl, "status"],
                                                    directory: "/")
            #expect(viaEnvironment.status == 0, "\(viaEnvironment.stderr)")
            #expect(viaEnvironment.stdout.hasPrefix("followupd at unix:\(api.socketPath): ok"), "\(viaEnvironment.stdout)")
            let optionWins = try Subprocess.run("/usr/bin/env", ["FOLLOWUPCTL_SOCKET=/nonexistent/api.sock", Subprocess.followupctl,
                                                                 "status", "--socket", api.socketPath], directory: "/")
            #expect(optionWins.status == 0, "\(optionWins.stderr)")
            let both = try Subprocess.run("/usr/bin/env", ["FOLLOWUPCTL_URL=http://127.0.0.1:1", Subprocess.followupctl,
                                                           "status", "--socket", api.socketPath], directory: "/")
            #expect(both.status == 0, "an explicit --socket overrides FOLLOWUPCTL_URL: \(both.stderr)")
        }
        let followupd = URL(fileURLWithPath: Subprocess.followupctl).deletingLastPathComponent().appendingPathComponent("followupd").path
        for binary in [Subprocess.followupctl, followupd] {
            let version = try Subprocess.run(binary, ["--version"], directory: "/")
            #expect(version.status == 0 && version.stdout == "2.0.0-dev\n", "\(binary): \(version.stdout)\(version.stderr)")
        }
    }

    @Test("daemon options may come before the command; a mistyped command gets a did-you-mean (exit 64)")
    func commandLineShape() async throws {
        try await LiveAPI.run { api in
            let first = try await Subprocess.ctl(["--socket", api.socketPath, "status"])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.hasPrefix("followupd at unix:\(api.socketPath): ok"), "\(first.stdout)")
            let inline = try await Subprocess.ctl(["--socket=\(api.socketPath)", "leads"])
            #expect(inline.status == 0, "\(inline.stderr)")
        }
        let typo = try await Subprocess.ctl(["staus"])
        #expect(typo.status == 64)
        #expect(typo.stderr == "followupctl: unknown command \"staus\"; did you mean \"status\"? (see 'followupctl --help')\n")
        let nothingClose = try await Subprocess.ctl(["frobnicate"])
        #expect(nothingClose.status == 64 && !nothingClose.stderr.contains("did you mean"), "\(nothingClose.stderr)")
    }

    @Test("TCP with --url and --token-file, and the first listen address of --config")
    func addressing() async throws {
        let config = try LiveAPI.config(tcp: true, tokens: ["first-token", "second-token"])
        try await LiveAPI.run(config: config) { api in
            let url = "http://127.0.0.1:\(api.tcpPort)"
            let tcp = try await Subprocess.ctl(["event", Fixtures.alice, "--url", url, "--token-file", config.tokenFile!])
            #expect(tcp.status == 0, "\(tcp.stderr)")
            #expect(try await api.unix.get("/v1/leads").status == 200)
            // The same from the environment, so a rep does not type them on every call.
            let fromEnvironment = try Subprocess.run("/usr/bin/env", ["FOLLOWUPCTL_URL=\(url)", "FOLLOWUPCTL_TOKEN_FILE=\(config.tokenFile!)",
                                                                     Subprocess.followupctl, "queue", "alice"], directory: nil)
            #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
            let noToken = try Subprocess.run("/usr/bin/env", ["FOLLOWUPCTL_URL=\(url)", Subprocess.followupctl, "queue", "alice"],
                                             directory: nil)
            #expect(noToken.status != 0 && noToken.stderr.contains("FOLLOWUPCTL_TOKEN_FILE"), "\(noToken.stderr)")
            let directory = (config.file as NSString).deletingLastPathComponent
            try "listen:\n  - unix:\(api.socketPath)\n  - 127.0.0.1:\(api.tcpPort)\ntoken_file: \(config.tokenFile!)\n"
                .write(toFile: config.file, atomically: true, encoding: .utf8)
            let viaConfig = try await Subprocess.ctl(["queue", "alice", "--config", config.file])
            #expect(viaConfig.status == 0, "\(viaConfig.stderr)")
            // With no --config, ./etc/followup/followupd.yaml is read when present.
            try FileManager.default.createDirectory(atPath: "\(directory)/etc/followup", withIntermediateDirectories: true)
            try "listen: 127.0.0.1:\(api.tcpPort)\ntoken_file: \(config.tokenFile!)\n"
                .write(toFile: "\(directory)/etc/followup/followupd.yaml", atomically: true, encoding: .utf8)
            let local = try await Subprocess.ctl(["queue", "alice"], directory: directory)
            #expect(local.status == 0, "\(local.stderr)")
            let wrong = try await Subprocess.ctl(["status", "--url", url, "--token-file", config.file])
            #expect(wrong.status == 1)
            // The config is no token file: its first line that is not one is named.
            #expect(wrong.stderr.hasPrefix("followupctl: \(config.file):2:3: unknown scope"), "\(wrong.stderr)")
        }
    }

    @Test("a daemon that is not running: no socket file, or a stale one")
    func notRunning() async throws {
        let directory = try LiveAPI.temporaryDirectory()
        let missing = try await Subprocess.ctl(["status", "--socket", "\(directory)/api.sock"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "followupctl: cannot reach followupd at unix:\(directory)/api.sock: connection refused — is it running?\n")
        try StaleSocket.make(at: "\(directory)/stale.sock")
        let stale = try await Subprocess.ctl(["lead", "show", "L1", "--socket", "\(directory)/stale.sock"])
        #expect(stale.status == 1)
        #expect(stale.stderr == "followupctl: cannot reach followupd at unix:\(directory)/stale.sock: connection refused — is it running?\n")
        let tcp = try await Subprocess.ctl(["status", "--url", "http://127.0.0.1:1", "--token-file", "/dev/null"])
        #expect(tcp.status == 1)
    }
}
