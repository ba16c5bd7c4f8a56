import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `followupctl`'s daemon commands against the real followupd binary, the way
/// a rep or an admin uses them.
@Suite(.serialized) struct FollowUpCtlAgainstDaemonTests {
    /// alice (Los Angeles) owns C1, bob (no zone: the calendar's, New York) C2;
    /// returns followupctl on the daemon's socket.
    static func twoRepsOnTwoClocks(_ daemon: DaemonProcess) throws -> (String...) throws -> Subprocess {
        func ctl(_ arguments: String...) throws -> Subprocess {
            try Subprocess.run(Subprocess.followupctl, arguments + ["--socket", daemon.socket], directory: daemon.directory.path)
        }
        #expect(try ctl("event", #"{"type":"rep.upserted","rep":{"id":"alice","email":"a@x.test","team":"sales","timezone":"America/Los_Angeles"}}"#).status == 0)
        #expect(try ctl("event", #"{"type":"rep.upserted","rep":{"id":"bob","email":"b@x.test","team":"sales"}}"#).status == 0)
        #expect(try ctl("event", #"{"type":"lead.captured","lead":{"id":"C1","source":"web_form","name":"Dana","email":"d@lead.test","owner":"alice"}}"#).status == 0)
        #expect(try ctl("event", #"{"type":"lead.captured","lead":{"id":"C2","source":"web_form","name":"Eve","email":"e@lead.test","owner":"bob"}}"#).status == 0)
        return ctl
    }

    /// A rep reads their worklist on their own clock, the zone named once, with
    /// how far off each time is; a rep without a zone reads the calendar's.
    /// Each step says what it asks and on which channel (issue 15).
    @Test func aQueueShowsTimesOnTheRepsClockAndWhatEachStepAsks() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")  // Tue 10:00 New York, 07:00 Los Angeles
        defer { _ = daemon.signal(SIGTERM) }
        let ctl = try Self.twoRepsOnTwoClocks(daemon)

        let alice = try ctl("queue", "alice")
        #expect(alice.status == 0, "\(alice.stderr)")
        #expect(alice.stdout.hasPrefix("Now for alice (1), times in America/Los_Angeles\n"), "\(alice.stdout)")
        let row = alice.stdout.split(separator: "\n").first { $0.contains("C1") }.map(String.init) ?? ""
        #expect(row.contains("1 first touch (call)"), "\(row)")
        #expect(row.contains("Tue 07:00 (now)"), "\(row)")
        #expect(row.contains("Tue 07:05 (in 5 min)"), "\(row)")

        let bob = try ctl("queue", "bob")
        #expect(bob.stdout.hasPrefix("Now for bob (1), times in America/New_York\n"), "\(bob.stdout)")
        #expect(bob.stdout.contains("Tue 10:05 (in 5 min)"), "\(bob.stdout)")

        // The API keeps UTC and says which clock a person reads.
        let json = try ctl("queue", "alice", "--output", "json")
        #expect(json.stdout.contains(#""timezone":"America/Los_Angeles""#), "\(json.stdout)")
        #expect(json.stdout.contains(#""step_name":"first touch","channel":"call","due":"2026-11-24T15:00:00Z""#), "\(json.stdout)")
    }

    /// `lead show` and `leads` read times on the owner's clock (the rep's zone,
    /// else the calendar's), the zone named once, with how far off each is;
    /// steps say what they ask; `--output json` and the API stay UTC (issue 15).
    @Test func leadShowAndLeadsReadOnTheOwnersClock() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")  // Tue 10:00 New York, 07:00 Los Angeles
        defer { _ = daemon.signal(SIGTERM) }
        let ctl = try Self.twoRepsOnTwoClocks(daemon)
        try daemon.advance(to: "2026-11-24T17:00:00Z")

        let shown = try ctl("lead", "show", "C1")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("  times in America/Los_Angeles\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("  step 1 first touch (call): due Tue 07:00 (2 h ago), deadline Tue 07:05 (2 h late) (breached)"),
                "\(shown.stdout)")
        #expect(!shown.stdout.contains("2026-11-24T"), "no UTC time left for a person to convert: \(shown.stdout)")
        // Past notifications name the channel their step asks for, too.
        #expect(shown.stdout.contains("→ lead.assigned to alice, step 1 (call)"), "\(shown.stdout)")
        let json = try ctl("lead", "show", "C1", "--output", "json")
        #expect(json.stdout.hasPrefix(#"{"at":"2026-11-24T17:00:00Z","timezone":"America/Los_Angeles","lead":{"#), "\(json.stdout)")
        #expect(json.stdout.contains(#""due":"2026-11-24T15:00:00Z","deadline":"2026-11-24T15:05:00Z""#), "\(json.stdout)")

        let all = try ctl("leads")
        #expect(all.stdout.hasPrefix("Times in America/New_York\n"), "no owner asked for: the team's zone: \(all.stdout)")
        #expect(all.stdout.contains("1 first touch (call)"), "\(all.stdout)")
        #expect(all.stdout.contains("Tue 10:05 (2 h late)"), "\(all.stdout)")
        let alices = try ctl("leads", "--owner", "alice")
        #expect(alices.stdout.hasPrefix("Times in America/Los_Angeles\n"), "\(alices.stdout)")
        #expect(alices.stdout.contains("Tue 07:05 (2 h late)"), "\(alices.stdout)")
        let lines = try ctl("leads", "--owner", "alice", "--json")
        #expect(lines.stdout.contains(#""deadline":"2026-11-24T15:05:00Z""#), "\(lines.stdout)")
    }

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

    /// The snooze path a rep takes, through the real daemon and its SQLite
    /// store: `snooze` reads the date where the lead is, and `lead show`,
    /// `queue`, the overdue list and the calendar feed show the wake-up.
    @Test func aSnoozedLeadThroughFollowUpCtlQueueAndCalendar() throws {
        let daemon = try DaemonProcess(clockStart: "2026-12-08T15:00:00Z")
        defer { daemon.signal(SIGTERM) }
        func ctl(_ arguments: String...) throws -> Subprocess {
            try Subprocess.run(Subprocess.followupctl, arguments + ["--socket", daemon.socket], directory: daemon.directory.path)
        }
        for event in [
            #"{"type":"rep.upserted","rep":{"id":"alice","email":"a@x.test","team":"sales"}}"#,
            #"{"type":"lead.captured","lead":{"id":"S1","source":"web_form","name":"Dana","company":"Acme","phone":"+1 555 0100","timezone":"America/Chicago","owner":"alice"}}"#,
            #"{"type":"lead.captured","lead":{"id":"S2","source":"web_form","email":"s2@lead.test","owner":"alice"}}"#,
            #"{"type":"touch.logged","lead":"S1","rep":"alice","channel":"call","outcome":"no_answer"}"#,
        ] {
            let sent = try ctl("event", event)
            #expect(sent.status == 0, "\(sent.stderr)")
        }
        let s1 = try ctl("snooze", "S1", "--until", "2026-12-14", "--rep", "alice", "--reason", "call back after the budget meeting")
        #expect(s1.status == 0, "\(s1.stderr)")
        #expect(s1.stdout.hasSuffix("S1 snoozed until 2026-12-14T15:00:00Z (Mon 2026-12-14 09:00 America/Chicago)\n"), "\(s1.stdout)")
        // S2 has no time zone of its own: the date is read in its policy calendar's (New York's).
        let s2 = try ctl("snooze", "S2", "--until", "2026-12-15")
        #expect(s2.stdout.hasSuffix("S2 snoozed until 2026-12-15T14:00:00Z (Tue 2026-12-15 09:00 America/New_York)\n"), "\(s2.stdout)")

        let shown = try ctl("lead", "show", "S1")
        // On alice's clock (she has no zone: the calendar's), the step named by what it asks.
        #expect(shown.stdout.contains("  times in America/New_York\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("  snoozed until Mon 12-14 10:00 (in 6 d) (call back after the budget meeting)\n"
                                      + "  step 2 confirmation (email) re-opens when the lead wakes\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("event #5 lead.snoozed until Mon 12-14 10:00 (in 6 d) by alice"), "\(shown.stdout)")
        let record = try ctl("lead", "show", "S2", "--json")
        #expect(record.stdout.contains(#""snoozed_until":"2026-12-15T14:00:00Z","snooze_reason":null,"check_in_at":null,"zone":"America/New_York"}"#),
                "\(record.stdout)")
        #expect(record.stdout.contains(#""repeat_at":null,"breaches":0,"channel":"call","name":"first touch"}"#), "\(record.stdout)")

        // Past both steps' deadlines: still neither due nor overdue, only snoozed.
        try daemon.advance(to: "2026-12-10T15:00:00Z")
        let queue = try ctl("queue", "alice")
        #expect(queue.stdout.hasPrefix("""
            Now for alice (0), times in America/New_York
              (nothing)
            Next for alice (0), times in America/New_York
              (nothing)
            Snoozed for alice (2), times in America/New_York

            """), "\(queue.stdout)")
        #expect(queue.stdout.contains("""
              S1          2 confirmation (email)    Mon 12-14 10:00 (in 4 d)         Dana, Acme, +1 555 0100 — call back after the budget meeting
              S2          1 first touch (call)      Tue 12-15 09:00 (in 4 d 23 h)    s2@lead.test

            """), "\(queue.stdout)")
        #expect(try daemon.get("/v1/leads?overdue=true").body.contains(#""leads":[]"#))
        let feed = try daemon.get("/v1/reps/alice/calendar.ics").body
        #expect(feed.contains("UID:wake-S1@"), "\(feed)")
        #expect(feed.contains("DTSTART:20261214T150000Z\r\nDTEND:20261214T151500Z\r\nSUMMARY:Snoozed lead wakes: Dana\\, Acme\r\n"), "\(feed)")
        #expect(feed.contains("UID:wake-S2@"), "\(feed)")
        #expect(!feed.contains("UID:step-"), "no touch is due while they sleep: \(feed)")

        // S1 wakes: its step 2 is due again and it leaves the snoozed list.
        try daemon.advance(to: "2026-12-14T15:01:00Z")
        let woken = try ctl("queue", "alice")
        #expect(woken.stdout.hasPrefix("""
            Now for alice (1), times in America/New_York
              LEAD        STEP                      DUE                              DEADLINE                         OVERDUE  CONTACT
              S1          2 confirmation (email)    Mon 10:00 (1 min ago)            Mon 11:00 (in 59 min)            no       Dana, Acme, +1 555 0100

            """), "\(woken.stdout)")
        #expect(woken.stdout.contains("Snoozed for alice (1), times in America/New_York\n"), "\(woken.stdout)")
        let awake = try ctl("lead", "show", "S1")
        #expect(!awake.stdout.contains("\n  snoozed until"), "\(awake.stdout)")
        #expect(awake.stdout.contains("\n  step 2 confirmation (email): due Mon 10:00 (1 min ago), deadline Mon 11:00 (in 59 min)\n"),
                "re-opened due at the wake: \(awake.stdout)")
    }

    /// A sales lead's people work through the real daemon and its SQLite store:
    /// accept, decline, correct and merge leads, plan an absence, deactivate a
    /// rep who left, and read the roster, whose loads come from the store's
    /// leads-in-cadence index.
    @Test func peopleAndTheRosterThroughFollowUpCtl() throws {
        let daemon = try DaemonProcess(clockStart: "2026-12-08T15:00:00Z")
        defer { daemon.signal(SIGTERM) }
        func ctl(_ arguments: String...) throws -> Subprocess {
            try Subprocess.run(Subprocess.followupctl, arguments + ["--socket", daemon.socket], directory: daemon.directory.path)
        }
        for event in [
            #"{"type":"rep.upserted","rep":{"id":"alice","email":"a@x.test","team":"sales","backup":"bob","timezone":"America/New_York","capacity":2}}"#,
            #"{"type":"rep.upserted","rep":{"id":"bob","email":"b@x.test","team":"sales","backup":"carol"}}"#,
            #"{"type":"rep.upserted","rep":{"id":"carol","email":"c@x.test","team":"sales"}}"#,
            #"{"type":"lead.captured","lead":{"id":"P1","source":"web_form","email":"p1@lead.test","owner":"alice"}}"#,
            #"{"type":"lead.captured","lead":{"id":"P2","source":"web_form","email":"p2@lead.test","owner":"alice"}}"#,
            #"{"type":"lead.captured","lead":{"id":"P3","source":"web_form","email":"p2@lead.test","owner":"alice"}}"#,
        ] {
            let sent = try ctl("event", event)
            #expect(sent.status == 0, "\(sent.stderr)")
        }
        // A named owner gets the lead even at capacity: alice holds three against two.
        let full = try ctl("reps")
        #expect(full.stdout.contains("\nalice  sales  bob     3/2 full  1       available  -\n"), "\(full.stdout)")

        let accept = try ctl("accept", "P1")
        #expect(accept.stdout == "accepted #7 lead.accepted P1\n", "\(accept.stderr)")
        let decline = try ctl("decline", "P2", "--reason", "not my territory")
        #expect(decline.stdout == "accepted #8 lead.declined P2 → P2:lead.assigned:1:2\n", "\(decline.stderr)")
        let update = try ctl("lead", "update", "P1", "--set", "company_size=250", "--set", "country=US")
        #expect(update.stdout == "accepted #9 lead.updated P1\n", "\(update.stderr)")
        let p1 = try ctl("lead", "show", "P1", "--json")
        #expect(p1.stdout.contains(#""company_size":250,"#), "\(p1.stdout)")
        #expect(p1.stdout.contains(#""attributes":{"country":"US"}"#), "\(p1.stdout)")
        let merge = try ctl("lead", "merge", "P2", "P3")
        #expect(merge.stdout == "accepted #10 lead.merged P2\n", "\(merge.stderr)")
        #expect(try ctl("lead", "show", "P3", "--json").stdout.contains(#""status":"merged""#))

        let away = try ctl("rep", "away", "bob", "--from", "2026-12-21", "--until", "2027-01-04", "--reason", "holiday")
        #expect(away.stdout == "accepted #11 rep.availability\nbob will be away from 2026-12-21T14:00:00Z until 2027-01-04T14:00:00Z\n",
                "\(away.stderr)")
        let leave = try ctl("rep", "deactivate", "alice")
        #expect(leave.stdout == "accepted #12 rep.deactivated → P1:lead.assigned:1:2\n", "\(leave.stderr)")

        let roster = try ctl("reps")
        #expect(roster.status == 0, "\(roster.stderr)")
        #expect(roster.stdout == """
            REP    TEAM   BACKUP  LOAD  WEIGHT  NOW          PLANNED
            alice  sales  bob     0/2   1       deactivated  -
            bob    sales  carol   2     1       available    away from 2026-12-21T14:00:00Z until 2027-01-04T14:00:00Z (holiday)
            carol  sales  -       0     1       available    -
            3 reps

            """)
        let json = try ctl("reps", "--output", "json")
        #expect(json.stdout == (try daemon.get("/v1/reps").body) + "\n")
        #expect(json.stdout.contains(#""id":"bob","name":null,"email":"b@x.test","team":"sales","backup":"carol","timezone":null,"#
                                     + #""availability":{"available":true,"until":null,"reason":null},"#
                                     + #""scheduled":{"available":false,"from":"2026-12-21T14:00:00Z","until":"2027-01-04T14:00:00Z","reason":"holiday"},"#
                                     + #""deactivated":false,"weight":1,"capacity":null,"leads_in_cadence":2}"#), "\(json.stdout)")
        let queue = try ctl("queue", "bob")
        #expect(queue.stdout.hasPrefix("bob will be away from 2026-12-21T14:00:00Z until 2027-01-04T14:00:00Z (holiday)\nNow for bob (2), times in America/New_York\n"),
                "\(queue.stdout)")

        let unknownLead = try ctl("decline", "NOPE")
        #expect(unknownLead.status == 1)
        #expect(unknownLead.stderr == "followupctl: unknown lead \"NOPE\" (field: lead)\n")
        let unknownRep = try ctl("rep", "deactivate", "zed")
        #expect(unknownRep.status == 1)
        #expect(unknownRep.stderr == "followupctl: unknown rep \"zed\" (field: rep)\n")
        let refused = try ctl("lead", "update", "P1", "--set", "owner=bob")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("owner cannot be changed by lead update"), "\(refused.stderr)")
    }
}
