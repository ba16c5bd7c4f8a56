import FollowUpCore
@testable import FollowUpNotify
import Foundation
import Testing

/// The multipart email: the text part exactly as the text-only message had
/// it, the HTML part escaped, the sender's display name safe in `From:`.
@Suite struct HTMLEmailTests {
    static let notification = LeadNotification(id: "L1:lead.assigned:1:1", at: Instant(secondsSinceEpoch: 1_795_532_400),
                                               kind: .leadAssigned, lead: "L1", to: "alice", recipient: .rep, step: 1)
    static let text = "Hello Alice,\n\nLead: <script>alert(1)</script> & \"Co\"\n.\nbye\n"

    static func message(html: String?, fromName: String? = nil, text: String = text) -> EmailMessage {
        EmailMessage(from: "followupd <f@example.com>", fromName: fromName, to: "alice@example.com", subject: "New lead",
                     text: text, html: html, notification: notification, date: Date(timeIntervalSince1970: 1_795_532_400))
    }

    /// The body after the header section's blank line.
    static func body(_ rendered: String) -> String {
        String(rendered[rendered.range(of: "\r\n\r\n")!.upperBound...])
    }

    /// With and without a final line break (a template may end either way).
    @Test(arguments: [text, "Hello\r\nno final line break"])
    func theTextPartIsTodaysBodyUnchanged(_ text: String) throws {
        let plain = Self.message(html: nil, text: text).rendered
        let multipart = Self.message(html: "<p>x</p>", text: text).rendered
        let boundary = try #require(multipart.firstMatch(of: /boundary="([^"]+)"/)?.1)
        let parts = Self.body(multipart).components(separatedBy: "--\(boundary)")
        #expect(parts.count == 4 && parts[3] == "--\r\n", "\(parts)")  // preamble, text, html, closing
        let textPart = parts[1]
        #expect(textPart.hasPrefix("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"))
        // The bytes of the text part's body are the text-only message's body.
        // (The CRLF before the next boundary belongs to the boundary.)
        // (Counted in bytes: to Swift "\r\n" is one Character.)
        let head = "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        let textBody = String(decoding: Array(textPart.utf8).dropFirst(head.utf8.count).dropLast(2), as: UTF8.self)
        #expect(textBody == Self.body(plain), "\(textBody.debugDescription)\nvs\n\(Self.body(plain).debugDescription)")
        let htmlPart = parts[2]
        let encoded = htmlPart.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
        #expect(String(data: Data(base64Encoded: encoded)!, encoding: .utf8) == "<p>x</p>")
        #expect(multipart.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
    }

    @Test(arguments: ["<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "' onmouseover='x", "&lt;b&gt;"])
    func everyUserStringIsEscapedInTheHTML(_ hostile: String) {
        let summary = MessageSummary(headline: "New lead: \(hostile)", facts: [.init(label: "Company", value: hostile)],
                                     link: "https://crm.example/leads/L1?a=1&b=\"x\"", notificationID: "n")
        let html = HTMLBody.page(summary, text: "Lead: \(hostile)\n")
        #expect(!html.contains(hostile), "\(hostile) reached the HTML unescaped")
        #expect(html.contains(HTMLText.escaped(hostile)))
        #expect(html.contains("href=\"https://crm.example/leads/L1?a=1&amp;b=&quot;x&quot;\""))
        for tag in ["<script", "<img", "<b>"] { #expect(!html.contains(tag)) }
    }

    @Test(arguments: [
        ("Sales Team", "From: \"Sales Team\" <f@example.com>"),
        ("Sales \"East\", <x@evil.test>", #"From: "Sales \"East\", <x@evil.test>" <f@example.com>"#),
        (#"back\slash"#, #"From: "back\\slash" <f@example.com>"#),
        ("Vertrieb Müller", "From: =?utf-8?B?VmVydHJpZWIgTcO8bGxlcg==?= <f@example.com>"),
    ])
    func theSenderNameIsQuotedOrEncoded(_ name: String, _ header: String) {
        let rendered = Self.message(html: nil, fromName: name).rendered
        #expect(rendered.hasPrefix(header + "\r\n"), "\(rendered.prefix(120).debugDescription)")
    }

    @Test(arguments: ["Sales\r\nBcc: evil@y.test", "Sales\nBcc: evil@y.test", "Sales\rBcc: evil@y.test"])
    func aLineBreakInTheSenderNameCannotAddAHeader(_ name: String) {
        let rendered = Self.message(html: "<p>x</p>", fromName: name).rendered
        let head = String(rendered[..<rendered.range(of: "\r\n\r\n")!.lowerBound])
        #expect(!head.components(separatedBy: "\r\n").contains { $0.hasPrefix("Bcc:") }, "\(head)")
        #expect(head.hasPrefix("From: \"Sales  Bcc: evil@y.test\" <f@example.com>\r\n") || head.hasPrefix("From: \"Sales Bcc: evil@y.test\" <f@example.com>\r\n"),
                "\(head.prefix(100).debugDescription)")
    }
}
