import FollowUpCore
@testable import FollowUpNotify
@testable import FollowUpRules
import Foundation
import Testing

/// Names and addresses from leads and reps reach mail headers and the
/// sendmail command line: nothing in them may add a header, end the message
/// early, or add a recipient.
@Suite struct HostileHeaderTests {
    static let notification = LeadNotification(id: "L1:lead.assigned:1:1", at: Instant(secondsSinceEpoch: 1_795_532_400),
                                               kind: .leadAssigned, lead: "L1", to: "alice", recipient: .rep, step: 1)

    /// The header section of a rendered message, and the body after the blank line.
    static func split(_ rendered: String) -> (head: String, body: String) {
        guard let blank = rendered.range(of: "\r\n\r\n") else { return (rendered, "") }
        return (String(rendered[..<blank.lowerBound]), String(rendered[blank.upperBound...]))
    }

    static let headerNames = ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
                              "Content-Transfer-Encoding", "X-Followupd-Notification", "X-Followupd-Kind", "X-Followupd-Lead"]

    @Test(arguments: ["\r\n", "\n", "\r", "\r\r\n", "\u{0}", "\u{0B}", "\u{0C}", "\u{7F}"])
    func aBreakInANameCannotAddAHeader(_ breaker: String) {
        let evil = "Dana\(breaker)Bcc: evil@y.test"
        let message = EmailMessage(from: "followupd <f@example.com>", to: "\(evil) <alice@example.com>",
                                   subject: "New lead: \(evil)", text: "Hello \(evil)",
                                   notification: Self.notification, date: Date(timeIntervalSince1970: 1_795_532_400))
        let (head, _) = Self.split(message.rendered)
        let lines = head.components(separatedBy: "\r\n")
        // Every line is a header we write, or the folded continuation of an encoded Subject.
        for line in lines where !line.hasPrefix(" ") {
            let name = String(line.prefix { $0 != ":" })
            #expect(Self.headerNames.contains(name), "a header we did not write: \(line.debugDescription)")
        }
        #expect(!head.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\r" && $0 != "\n") || $0.value == 0x7F },
                "a control character in the headers: \(head.debugDescription)")
        let bare = head.replacingOccurrences(of: "\r\n", with: "")
        #expect(!bare.contains("\r") && !bare.contains("\n"), "a bare CR or LF in the headers: \(head.debugDescription)")
    }

    /// A lone CR before a `.` line is how "SMTP smuggling" ends a message
    /// early at relays that take CR alone as a line end: the body has CRLF only.
    @Test func aLoneCRInTheBodyCannotEndTheMessage() {
        let message = EmailMessage(from: "f@example.com", to: "alice@example.com", subject: "s",
                                   text: "hi\r.\r\nMAIL FROM:<evil@y.test>\nbye\r",
                                   notification: Self.notification, date: Date(timeIntervalSince1970: 1_795_532_400))
        let (_, body) = Self.split(message.rendered)
        let bare = body.replacingOccurrences(of: "\r\n", with: "")
        #expect(!bare.contains("\r") && !bare.contains("\n"), "a bare CR or LF in the body: \(body.debugDescription)")
        #expect(body.components(separatedBy: "\r\n").contains("."), "the lone CR is a line break: \(body.debugDescription)")
    }

    /// The rep's address as the store holds it, whatever it is.
    struct FixedContext: MessageContextSource {
        var email: String
        func context(for notification: LeadNotification) async -> MessageContext {
            MessageContext(notification: notification, record: nil, rep: Rep(id: "alice", email: email))
        }
    }

    static var templates: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("etc/followup/templates").path
    }

    /// A stand-in for sendmail that records its arguments and whether it ran.
    static func fakeSendmail(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("sendmail").path
        try """
            #!/bin/sh
            printf '%s\\n' "$@" > \(dir.path)/args
            cat > \(dir.path)/message

            """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    static let entry = OutboxEntry(notification: notification, receiver: "mail", state: .pending, attempts: 0,
                                   nextAttemptAt: Instant(secondsSinceEpoch: 0), lastError: nil,
                                   createdAt: Instant(secondsSinceEpoch: 0), deliveredAt: nil)

    func sendmail(to email: String, in dir: URL) async throws -> DeliveryResult {
        let settings = SendmailSettings(path: try Self.fakeSendmail(in: dir), email: EmailSettings(from: "followupd <f@example.com>"))
        let composer = EmailComposer(templates: try MessageTemplates(directory: Self.templates),
                                     contexts: FixedContext(email: email), settings: settings.email)
        return await SendmailReceiver(name: "mail", settings: settings, composer: composer).deliver(Self.entry)
    }

    /// `sendmail -t` would split a To: of "a@x, b@y" into two recipients:
    /// the recipient goes on the command line, one address, after `--`.
    @Test func sendmailGetsExactlyOneRecipientAndNeverReadsThemFromHeaders() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sendmail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await sendmail(to: "alice@example.com", in: dir) == .delivered)
        let args = try String(contentsOfFile: dir.appendingPathComponent("args").path, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(!args.contains("-t"), "\(args)")
        #expect(args.suffix(2) == ["--", "alice@example.com"], "\(args)")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("args"))
        for hostile in ["alice@example.com, evil@y.test", "alice@example.com\r\nBcc: evil@y.test", "-oQ/tmp@x.test x@y.test"] {
            let result = try await sendmail(to: hostile, in: dir)
            guard case .permanent(let why) = result else { Issue.record("\(hostile.debugDescription): \(result)"); continue }
            #expect(why.contains("address"), "\(why)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("args").path), "sendmail ran for \(hostile.debugDescription)")
        }
    }
}
