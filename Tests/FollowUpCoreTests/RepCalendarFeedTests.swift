import Foundation
import Testing
@testable import FollowUpCore
@testable import FollowUpFormats
import FollowUpTestSupport

/// The iCalendar text a rep's calendar app subscribes to: RFC 5545's line
/// rules, and the slots placed in call windows.
@Suite struct RepCalendarFeedTests {
    @Test func escapingAndFolding() {
        #expect(ICalendarText.escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf")
        let long = "DESCRIPTION:" + String(repeating: "é", count: 60)  // 12 + 120 octets
        let folded = ICalendarText.fold(long)
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines[1].hasPrefix(" "))
        #expect(String(lines[0] + lines[1].dropFirst()) == long, "unfolding gives the line back, no UTF-8 sequence split")
        #expect(ICalendarText.dateTime(at("2026-11-24T20:05:09Z")) == "20261124T200509Z")
    }

    static func leads() throws -> [LeadState] {
        var sim = Simulation(rules: DefaultRules.make())
        for line in [
            Line.rep("2026-12-08T13:00:00Z", "alice"),
            Line.capture("2026-12-08T14:00:00Z", "L1", owner: "alice", extra: #","company":"Acme, Inc; \"East\"","phone":"+1 555 0100""#),
            Line.capture("2026-12-08T14:00:00Z", "L2", owner: "alice"),
            Line.touch("2026-12-08T14:01:00Z", "L2", by: "alice"),
            Line.touch("2026-12-08T14:02:00Z", "L2", by: "alice", "email", "sent"),
        ] {
            try sim.apply(try EventDecoder.decode(line)) { _ in }
        }
        return sim.world.allLeads.sorted { $0.seq < $1.seq }
    }

    @Test func slotsAndFeed() throws {
        let leads = try Self.leads()
        let rules = DefaultRules.make()
        let now = at("2026-12-08T14:10:00Z")
        // L1: step 1 (a call) overdue since 14:05: it stays at its due time (09:00 New York, no window), 15 minutes.
        let s1 = try #require(RepCalendarFeed.slot(for: leads[0], rules: rules, now: now))
        #expect(s1.start == at("2026-12-08T14:00:00Z") && s1.end == at("2026-12-08T14:15:00Z"))
        #expect(s1.summary == "OVERDUE: Call N, Acme, Inc; \"East\": first touch (step 1)")
        // L2: step 3 is a call due in the window after touch 2 + 1 day: Wed 2026-12-09 16:00 New York.
        let s3 = try #require(RepCalendarFeed.slot(for: leads[1], rules: rules, now: now))
        #expect(s3.step == 3)
        #expect(s3.start == at("2026-12-09T21:00:00Z"))
        #expect(s3.end == at("2026-12-09T22:00:00Z"), "the slot ends with the call window")

        let ics = RepCalendarFeed.make(rep: "alice", leads: leads, rules: rules, now: now)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!ics.replacingCRLF.contains("\n"), "every line ends in CRLF")
        #expect(ics.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(ics.contains("UID:step-1-L1@followupd\r\n"))
        #expect(ics.contains("UID:step-3-L2@followupd\r\n"))
        #expect(ics.contains("DTSTART:20261209T210000Z\r\nDTEND:20261209T220000Z\r\n"))
        #expect(ics.contains("Acme\\, Inc\\; \"East\""))
        #expect(ics.contains("CATEGORIES:followupd,call\r\n"), "a list of two values, not one escaped text")
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 3)
    }

    /// An event is placed from the step, not from the fetch: refreshing the
    /// feed an hour or a day later leaves every event where it was (issue 15).
    /// The calendar carries the rep's name; descriptions read on the rep's clock.
    @Test func eventsStayAtTheStepsTimeAndReadOnTheRepsClock() throws {
        let leads = try Self.leads()
        let rules = DefaultRules.make()
        let early = at("2026-12-08T14:10:00Z"), late = at("2026-12-09T09:00:00Z")
        for lead in leads {
            let first = try #require(RepCalendarFeed.slot(for: lead, rules: rules, now: early))
            let again = try #require(RepCalendarFeed.slot(for: lead, rules: rules, now: late))
            #expect(first.start == again.start && first.end == again.end, "\(lead.id) moved with the fetch")
        }
        let pacific = try #require(ZoneCatalog.shared.rules(for: "America/Los_Angeles"))
        let ics = RepCalendarFeed.make(rep: "alice", name: "Alice Smith", readerZone: pacific, leads: leads, rules: rules, now: late)
        #expect(ics.contains("X-WR-CALNAME:Follow-ups: Alice Smith\r\n"))
        let s1 = try #require(RepCalendarFeed.slot(for: leads[0], rules: rules, now: early, readerZone: pacific))
        #expect(s1.description.contains("step 1 of 5: first touch (call).\n"), "\(s1.description)")
        #expect(s1.description.contains("Due Tue 2026-12-08 06:00 America/Los_Angeles, deadline Tue 2026-12-08 06:05 America/Los_Angeles."),
                "\(s1.description)")
        #expect(RepCalendarFeed.make(rep: "alice", leads: leads, rules: rules, now: late).contains("X-WR-CALNAME:Follow-ups: alice\r\n"),
                "the id when the rep has no name")
    }

    /// L1 snoozed at step 1, L2 engaged then snoozed, L3 snoozed then won: the
    /// first two have a wake-up, the third nothing (a status ends the snooze).
    static func snoozedLeads() throws -> [LeadState] {
        var sim = Simulation(rules: DefaultRules.make())
        for line in [
            Line.rep("2026-12-08T13:00:00Z", "alice"),
            Line.capture("2026-12-08T14:00:00Z", "L1", owner: "alice", extra: #","company":"Acme","phone":"+1 555 0100""#),
            Line.capture("2026-12-08T14:00:00Z", "L2", owner: "alice"),
            Line.capture("2026-12-08T14:00:00Z", "L3", owner: "alice"),
            Line.touch("2026-12-08T14:01:00Z", "L2", by: "alice", "call", "connected"),
            #"{"at":"2026-12-08T14:02:00Z","type":"lead.snoozed","lead":"L1","until":"2026-12-14T15:00:00Z","rep":"alice","reason":"call back after the budget meeting"}"#,
            #"{"at":"2026-12-08T14:02:00Z","type":"lead.snoozed","lead":"L2","until":"2026-12-10T15:00:00Z"}"#,
            #"{"at":"2026-12-08T14:02:00Z","type":"lead.snoozed","lead":"L3","until":"2026-12-10T15:00:00Z"}"#,
            #"{"at":"2026-12-08T14:03:00Z","type":"lead.status","lead":"L3","status":"won"}"#,
        ] {
            try sim.apply(try EventDecoder.decode(line)) { _ in }
        }
        return sim.world.allLeads.sorted { $0.seq < $1.seq }
    }

    @Test func aSnoozedLeadIsOneEventAtItsWakeUp() throws {
        let leads = try Self.snoozedLeads()
        let rules = DefaultRules.make()
        let now = at("2026-12-08T14:10:00Z")
        let l1 = try #require(RepCalendarFeed.slot(for: leads[0], rules: rules, now: now))
        #expect(l1.isWakeUp && l1.step == 1 && l1.channel == "snooze")
        #expect(l1.start == at("2026-12-14T15:00:00Z"), "at the wake-up, not moved into a call window")
        #expect(l1.end == at("2026-12-14T15:15:00Z"))
        #expect(l1.summary == "Snoozed lead wakes: N, Acme")
        #expect(l1.description.hasPrefix("Lead L1, priority high, snoozed until Mon 2026-12-14 15:00 UTC: call back after the budget meeting\n"
                                          + "Step 1 of 5: first touch (call) re-opens then, due at once."), "\(l1.description)")
        let l2 = try #require(RepCalendarFeed.slot(for: leads[1], rules: rules, now: now))
        #expect(l2.start == at("2026-12-10T15:00:00Z"))
        #expect(l2.description.contains("Engaged: a touch is due then."))
        #expect(RepCalendarFeed.slot(for: leads[2], rules: rules, now: now) == nil, "won: no snooze, no step")

        let ics = RepCalendarFeed.make(rep: "alice", leads: leads, rules: rules, now: now)
        #expect(ics.contains("UID:wake-L1@followupd\r\nDTSTAMP:20261208T141000Z\r\n"
                             + "DTSTART:20261214T150000Z\r\nDTEND:20261214T151500Z\r\n"
                             + "SUMMARY:Snoozed lead wakes: N\\, Acme\r\n"))
        #expect(ics.contains("CATEGORIES:followupd,snooze\r\n"))
        #expect(ics.contains("UID:wake-L2@followupd\r\n"))
        #expect(!ics.contains("step-1-L1"), "no touch is due while it sleeps")
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 3)
    }
}

private extension String {
    /// The text with every CRLF removed (what is left must hold no bare LF).
    var replacingCRLF: String {
        var out = ""
        var chars = Array(unicodeScalars)[...]
        while let c = chars.popFirst() {
            if c == "\r", chars.first == "\n" { chars.removeFirst(); continue }
            out.unicodeScalars.append(c)
        }
        return out
    }
}
