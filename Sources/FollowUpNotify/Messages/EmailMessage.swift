public import FollowUpCore
public import Foundation

/// One RFC 5322 message: headers and a UTF-8 text body, lines ending CRLF.
///
/// The Message-ID is derived from the notification id, so a message re-sent
/// after a crash carries the same Message-ID and mail systems can drop the copy.
public struct EmailMessage: Sendable, Hashable {
    public var from: String
    public var to: String
    public var subject: String
    public var text: String
    public var notification: LeadNotification
    /// The `Date:` header's instant (when the message is built).
    public var date: Date

    public init(from: String, to: String, subject: String, text: String, notification: LeadNotification, date: Date = Date()) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.notification = notification
        self.date = date
    }

    /// `<L1.lead.assigned.1.1@followupd>`: the id with every character that may
    /// not stand in a Message-ID's left part written as `=XX`, `:` as `.`.
    public var messageID: String {
        var left = ""
        for scalar in notification.id.unicodeScalars {
            if scalar == ":" {
                left += "."
            } else if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || "!#$%&'*+-/?^_`{|}~.".unicodeScalars.contains(scalar), scalar != "=" {
                left.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { left += String(format: "=%02X", byte) }
            }
        }
        // A dot-atom may not start or end with a dot, nor hold two in a row.
        while left.contains("..") { left = left.replacingOccurrences(of: "..", with: ".=2E") }
        if left.hasPrefix(".") { left = "=2E" + left.dropFirst() }
        if left.hasSuffix(".") { left = left.dropLast() + "=2E" }
        return "<\(left)@followupd>"
    }

    /// The bare address of `to` (for SMTP's RCPT TO).
    public var recipient: String { Self.bareAddress(to) }
    /// The bare address of `from` (for SMTP's MAIL FROM).
    public var sender: String { Self.bareAddress(from) }

    /// `Name <a@b>` → `a@b`.
    public static func bareAddress(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else {
            return text.trimmingCharacters(in: .whitespaces)
        }
        return String(text[text.index(after: open)..<close])
    }

    /// The whole message as sent: headers, a blank line, the body; CRLF line ends.
    public var rendered: String {
        var lines = [
            "From: \(Self.headerValue(from))",
            "To: \(Self.headerValue(to))",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "X-Followupd-Notification: \(Self.headerValue(notification.id))",
            "X-Followupd-Kind: \(notification.kind.rawValue)",
            "X-Followupd-Lead: \(Self.headerValue(notification.lead))",
            "",
        ]
        let body = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        lines.append(contentsOf: body.map(String.init))
        if lines.last != "" { lines.append("") }
        return lines.joined(separator: "\r\n")
    }

    /// Header text with line breaks removed (a value must never start a new header).
    static func headerValue(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" })
    }

    /// RFC 2047: non-ASCII header text as `=?utf-8?B?…?=` words.
    static func encodedWord(_ text: String) -> String {
        let clean = headerValue(text)
        guard !clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) else { return clean }
        // Encoded words are at most 75 characters: split the UTF-8 on character boundaries.
        var words: [String] = []
        var chunk = ""
        for character in clean {
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// `Tue, 24 Nov 2026 20:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
