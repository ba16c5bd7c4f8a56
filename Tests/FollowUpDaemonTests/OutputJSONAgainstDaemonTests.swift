import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `--output json` on every followupctl command that prints, against the real
/// followupd: stdout is one JSON document, the daemon's answer as is.
@Suite(.serialized) struct OutputJSONAgainstDaemonTests {
    /// The commands that read and print, each with the member its answer must have.
    static let readers: [(arguments: [String], member: String)] = [
        (["status"], "ready"),
        (["queue", "alice"], "now"),
        (["leads"], "leads"),
        (["leads", "--owner", "alice"], "leads"),
        (["lead", "show", "L1"], "events"),
        (["reps"], "reps"),
        (["report", "--by", "source"], "groups"),
        (["outbox", "list"], "notifications"),
    ]

    /// The commands that change something, in an order that works, each with the member its answer must have.
    static let writers: [(arguments: [String], member: String)] = [
        (["event", #"{"type":"rep.upserted","rep":{"id":"bob","email":"b@x.test","team":"sales"}}"#], "accepted"),
        (["rep", "add", "carol", "--email", "c@x.test", "--team", "sales"], "accepted"),
        (["rep", "update", "carol", "--backup", "bob"], "accepted"),
        (["touch", "log", "L1", "--rep", "alice", "--channel", "call", "--outcome", "no_answer"], "accepted"),
        (["accept", "L1"], "accepted"),
        (["decline", "L2", "--reason", "not my territory"], "accepted"),
        (["lead", "update", "L1", "--set", "phone=+1 555 0101"], "accepted"),
        (["snooze", "L1", "--until", "2026-12-14"], "accepted"),
        (["lead", "reassign", "L1", "bob"], "accepted"),
        (["lead", "status", "L2", "lost"], "accepted"),
        (["rep", "away", "carol", "--until", "3d"], "accepted"),
        (["rep", "back", "carol"], "accepted"),
        (["rep", "deactivate", "carol"], "accepted"),
        (["reload"], "ok"),
        (["check-rules", DaemonProcess.root.appendingPathComponent("etc/followup/rules.d").path, "--against-running"], "moved"),
    ]

    @Test func everyPrintingCommandPrintsTheDaemonsJSON() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        defer { daemon.signal(SIGTERM) }
        func ctl(_ arguments: [String]) throws -> Subprocess {
            try Subprocess.run(Subprocess.followupctl, arguments + ["--socket", daemon.socket, "--output", "json"],
                               directory: daemon.directory.path)
        }
        for event in [#"{"type":"rep.upserted","rep":{"id":"alice","email":"a@x.test","team":"sales"}}"#,
                      #"{"type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"l1@lead.test","owner":"alice"}}"#,
                      #"{"type":"lead.captured","lead":{"id":"L2","source":"web_form","email":"l2@lead.test","owner":"alice"}}"#] {
            #expect(try daemon.post("/v1/events", event).status == 200)
        }
        for (arguments, member) in Self.readers {
            let r = try ctl(arguments)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            let parsed = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            #expect(parsed?[member] != nil, "\(arguments) printed\n\(r.stdout)")
        }
        for (arguments, member) in Self.writers {
            let r = try ctl(arguments)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            let parsed = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            #expect(parsed?[member] != nil, "\(arguments) printed\n\(r.stdout)")
        }
        // `leads` follows every page into one array.
        let leads = try JSONSerialization.jsonObject(with: Data(try ctl(["leads"]).stdout.utf8)) as? [String: Any]
        #expect((leads?["leads"] as? [Any])?.count == 2)
        #expect(leads?["next_after"] is NSNull)
    }
}
