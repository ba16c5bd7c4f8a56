import FollowUpCore
@testable import FollowUpNotify
import Foundation
import Testing

/// The RFC 5322 message the email receivers send.
@Suite struct EmailMessageTests {
    static let notification = LeadNotification(id: "L1:lead.assigned:1:1", at: Instant(secondsSinceEpoch: 1_795_532_400),
                                               kind: .leadAssigned, lead: "L1", to: "alice", recipient: .rep, step: 1)

    static func message(id: String = "L1:lead.assigned:1:1", subject: String = "New lead", text: String = "Hello\n.hidden\nbye") -> EmailMessage {
        var n = notification
        n.id = id
        return EmailMessage(from: "followupd <f@example.com>", to: "alice@example.com", subject: subject, text: text,
                            notification: n, date: Date(timeIntervalSince1970: 1_795_532_400))
    }

    @Test(arguments: [
        ("L1:lead.assigned:1:1", "<L1.lead.assigned.1.1@followupd>"),
        ("acme 7:touch.due:2:1", "<acme=207.touch.due.2.1@followupd>"),
        ("é:nurture.due:0:3", "<=C3=A9.nurture.due.0.3@followupd>"),
        (":x:", "<=2Ex=2E@followupd>"),
    ])
    func messageIDIsDerivedFromTheNotificationID(_ id: String, _ expected: String) {
        #expect(Self.message(id: id).messageID == expected)
    }

    @Test func headersAndBodyEndInCRLF() {
        let rendered = Self.message().rendered
        #expect(rendered.hasPrefix("From: followupd <f@example.com>\r\nTo: alice@example.com\r\nSubject: New lead\r\n"
                                   + "Date: Tue, 24 Nov 2026 15:00:00 +0000\r\nMessage-ID: <L1.lead.assigned.1.1@followupd>\r\n"))
        #expect(rendered.contains("\r\n\r\nHello\r\n.hidden\r\nbye\r\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(Self.message().sender == "f@example.com")
    }

    @Test func nonASCIISubjectsAreEncodedWordsAndNewlinesCannotInjectHeaders() {
        let rendered = Self.message(subject: "Neuer Lead: Müller\r\nBcc: evil@x").rendered
        #expect(rendered.contains("Subject: =?utf-8?B?"))
        #expect(!rendered.contains("\r\nBcc:"))
    }
}
