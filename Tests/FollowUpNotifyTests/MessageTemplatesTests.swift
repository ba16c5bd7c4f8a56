import FollowUpCore
import FollowUpNotify
import Foundation
import Testing

/// The shipped templates render what a rep needs; broken ones are named by file, line and column.
@Suite struct MessageTemplatesTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("etc/followup/templates").path

    static func context(_ kind: NotificationKind) -> MessageContext {
        let profile = LeadProfile(id: "L1", source: "webinar", name: "Dana Smith", email: "dana@acme.test", phone: "+1 555 0100",
                                  company: "Acme", title: "VP Sales", companySize: 5000)
        var state = LeadState(profile: profile, seq: 1, capturedAt: Instant(secondsSinceEpoch: 1_795_532_400), priority: "high",
                              policy: "default", triageRule: "high", score: 7, team: "sales", owner: "alice")
        state.touches = 1
        let events = [
            LoggedEvent(seq: 2, event: Event(at: Instant(secondsSinceEpoch: 1_795_532_460), body: .leadActivity(lead: "L1", action: "pdf_download")),
                        source: "api", receivedAt: Instant(secondsSinceEpoch: 1_795_532_460)),
            LoggedEvent(seq: 3, event: Event(at: Instant(secondsSinceEpoch: 1_795_532_520),
                                             body: .touchLogged(Touch(lead: "L1", rep: "alice", channel: .call, outcome: .noAnswer))),
                        source: "api", receivedAt: Instant(secondsSinceEpoch: 1_795_532_520)),
        ]
        let record = LeadRecord(state: state, timers: [], events: events, notifications: [])
        let notification = LeadNotification(id: "L1:\(kind.rawValue):2:1", at: Instant(secondsSinceEpoch: 1_795_536_000), kind: kind,
                                            lead: "L1", to: "alice", recipient: .rep, step: 2, deadline: Instant(secondsSinceEpoch: 1_795_618_800))
        return MessageContext(notification: notification, record: record, rep: Rep(id: "alice", name: "Alice", email: "alice@example.com"))
    }

    @Test(arguments: NotificationKind.allCases)
    func shippedTemplatesRenderEveryKind(_ kind: NotificationKind) throws {
        let templates = try MessageTemplates(directory: Self.shipped)
        let (subject, text) = templates.render(Self.context(kind))
        #expect(!subject.isEmpty && !subject.contains("\n"))
        #expect(!text.contains("&amp;") && !text.contains("{{"))
        if kind != .leadAcknowledgement {
            for expected in ["Dana Smith", "VP Sales at Acme", "Source:   webinar", "Score:    7", "pdf_download",
                             "call by alice: no_answer", "Touches so far (1)", "followupctl touch log L1"] {
                #expect(text.contains(expected), "\(kind): missing \(expected) in\n\(text)")
            }
        }
    }

    /// Issue 15: a person reads every time on their own clock with the zone
    /// named (no RFC 3339 UTC stamp left in a subject or body), and the step
    /// by what it asks on its channel.
    @Test(arguments: [NotificationKind.leadAssigned, .touchDue, .slaBreached])
    func shippedTemplatesShowLocalTimesAndNameTheStep(_ kind: NotificationKind) throws {
        let templates = try MessageTemplates(directory: Self.shipped)
        var context = Self.context(kind)
        context.notification.channel = .call
        context.readerZone = ZoneCatalog.shared.rules(for: "America/New_York")
        let (subject, text) = templates.render(context)
        let utcStamp = /\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?Z/
        #expect(subject.firstMatch(of: utcStamp) == nil, "\(kind): \(subject)")
        #expect(text.firstMatch(of: utcStamp) == nil, "\(kind): a UTC time in\n\(text)")
        // The deadline 2026-11-25T15:00:00Z is 10:00 in New York.
        #expect(text.contains("Wed 2026-11-25 10:00 America/New_York"), "\(kind): \(text)")
        #expect((subject + text).contains("call the lead"), "\(kind): \(subject)\n\(text)")
    }

    @Test func brokenAndMissingTemplatesAreNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.shipped), to: dir)
        try "ok\n{{#a}}\n".write(to: dir.appendingPathComponent("touch.due.text.mustache"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("sla.breached.subject.mustache"))
        do {
            _ = try MessageTemplates(directory: dir.path)
            Issue.record("broken templates loaded")
        } catch {
            #expect(error.problems.contains { $0.hasPrefix(dir.path + "/touch.due.text.mustache:") }, "\(error.problems)")
            #expect(error.problems.contains(dir.path + "/sla.breached.subject.mustache: error: missing template (every notification kind needs a subject and a text template)"))
        }
    }
}
