import Foundation
import Testing
import FollowUpTestSupport

/// `followupctl explain`: one lead's timeline with the reason for every time.
@Suite struct ExplainCommandTests {
    static let events = """
        {"at":"2026-11-20T12:00:00Z","type":"rep.upserted","rep":{"id":"alice","email":"alice@example.com","team":"sales","backup":"bob"}}
        {"at":"2026-11-20T12:00:00Z","type":"rep.upserted","rep":{"id":"bob","email":"bob@example.com","team":"sales"}}
        {"at":"2026-11-25T22:30:00Z","type":"lead.captured","lead":{"id":"L7","source":"newsletter","email":"x@y.test","timezone":"America/New_York","owner":"alice"}}
        {"at":"2026-11-27T13:10:00Z","type":"touch.logged","lead":"L7","rep":"alice","channel":"call","outcome":"no_answer"}
        {"at":"2026-11-27T13:20:00Z","type":"touch.logged","lead":"L7","rep":"alice","channel":"email","outcome":"sent"}
        """

    @Test func explainsTriageHolidaysWindowsAndNotifications() throws {
        let file = try Subprocess.temporaryFile(Self.events)
        let r = try Subprocess.ctl("explain", "--rules", Subprocess.rules, "--events", file, "--lead", "L7", "--until", "2026-12-02T00:00:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        let out = r.stdout
        #expect(out.contains("triage rule 'medium' matched"), "\(out)")
        // Captured Wed 17:30 EST: 30 minutes that day, Thanksgiving skipped, 30 more on Friday → 08:30 EST.
        #expect(out.contains("2026-11-26 Thu (holiday)"), "\(out)")
        #expect(out.contains("deadline 2026-11-27T13:30:00Z"), "\(out)")
        // Touch 2 Fri 08:20 EST: step 3 is asked for Sat 08:20; 'best' (Wed) and 'afternoon' (Mon 16:00,
        // 55h40m) are beyond max_shift 48h, 'morning' Mon 07:30 (47h10m) is within it.
        #expect(out.contains("window 'morning' at Mon 2026-11-30 07:30"), "\(out)")
        #expect(out.contains("2026-11-30T12:30:00Z  → touch.due to alice, step 3"), "\(out)")
        #expect(out.contains("[L7:lead.assigned:1:1]"), "\(out)")
        #expect(out.contains("status open"), "\(out)")
    }

    /// `--output json`: the same narration as one document, for scripts.
    @Test func outputJSONIsOneDocumentOfTheSameEntries() throws {
        let file = try Subprocess.temporaryFile(Self.events)
        let r = try Subprocess.ctl("explain", "--rules", Subprocess.rules, "--events", file, "L7", "--until", "2026-12-02T00:00:00Z",
                                   "--output", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)")
        #expect(document["lead"] as? String == "L7")
        let entries = document["entries"] as? [[String: Any]] ?? []
        #expect(entries.first?["event"] as? String == "lead.captured")
        #expect(entries.contains { ($0["note"] as? String)?.contains("triage rule 'medium' matched") == true })
        #expect(entries.contains { ($0["notification"] as? [String: Any])?["id"] as? String == "L7:lead.assigned:1:1" })
        #expect((document["state"] as? [String: Any])?["status"] as? String == "open")
    }

    @Test func theLeadMayBeTheArgument() throws {
        let file = try Subprocess.temporaryFile(Self.events)
        let named = try Subprocess.ctl("explain", "--rules", Subprocess.rules, "--events", file, "--lead", "L7", "--until", "2026-12-02T00:00:00Z")
        let positional = try Subprocess.ctl("explain", "--rules", Subprocess.rules, "--events", file, "L7", "--until", "2026-12-02T00:00:00Z")
        #expect(positional.status == 0, "\(positional.stderr)")
        #expect(positional.stdout == named.stdout)
        let twice = try Subprocess.ctl("explain", "--rules", Subprocess.rules, "--events", file, "L7", "--lead", "L8")
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("the lead is named twice"), "\(twice.stderr)")
    }

    @Test func anUnknownLeadIsAClearError() throws {
        let file = try Subprocess.temporaryFile(Self.events)
        let r = try Subprocess.ctl("explain", "--rules", Subprocess.rules, "--events", file, "--lead", "L404")
        #expect(r.status == 1)
        #expect(r.stderr.contains("no event names lead \"L404\""), "\(r.stderr)")
    }
}
