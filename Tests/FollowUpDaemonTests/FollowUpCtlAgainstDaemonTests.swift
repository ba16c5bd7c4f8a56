import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `followupctl`'s daemon commands against the real followupd binary, the way
/// a rep or an admin uses them.
@Suite(.serialized) struct FollowUpCtlAgainstDaemonTests {
    @Test func repsAndLeadsThroughFollowUpCtl() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        func ctl(_ arguments: String...) throws -> Subprocess {
            try Subprocess.run(Subprocess.followupctl, arguments + ["--socket", daemon.socket], directory: daemon.directory.path)
        }
        let rep = try ctl("event", #"{"type":"rep.upserted","rep":{"id":"alice","email":"a@x.test","team":"sales","backup":"bob"}}"#)
        #expect(rep.status == 0, "\(rep.stderr)")
        #expect(try ctl("event", #"{"type":"rep.upserted","rep":{"id":"bob","email":"b@x.test","team":"sales"}}"#).status == 0)
        let captured = try ctl("event", #"{"type":"lead.captured","lead":{"id":"C1","source":"web_form","email":"c@lead.test"}}"#)
        #expect(captured.status == 0, "\(captured.stderr)")
        #expect(captured.stdout.contains("C1:lead.assigned:1:1"), "\(captured.stdout)")

        let touch = try ctl("touch", "log", "C1", "--rep", "alice", "--channel", "call", "--outcome", "no_answer")
        #expect(touch.status == 0, "\(touch.stderr)")
        let shown = try ctl("lead", "show", "C1")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("owner alice"), "\(shown.stdout)")
        #expect(shown.stdout.contains("touches 1"), "\(shown.stdout)")

        let away = try ctl("rep", "away", "alice", "--reason", "vacation")
        #expect(away.status == 0, "\(away.stderr)")
        let queue = try ctl("queue", "alice")
        #expect(queue.status == 0, "\(queue.stderr)")
        #expect(queue.stdout.contains("C1"), "\(queue.stdout)")

        let bad = try ctl("touch", "log", "NOPE", "--rep", "alice", "--channel", "call", "--outcome", "no_answer")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("unknown lead \"NOPE\""), "\(bad.stderr)")
        #expect(bad.stderr.contains("field: lead"), "\(bad.stderr)")

        let status = try ctl("status")
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("ok"), "\(status.stdout)")
        #expect(daemon.signal(SIGTERM) == 0)

        let down = try ctl("status")
        #expect(down.status == 1)
        #expect(down.stderr.contains("is it running?"), "\(down.stderr)")
    }
}
