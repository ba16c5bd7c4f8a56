public import FollowUpCore
public import Foundation

/// One RFC 5322 message: headers and a UTF-8 text body, lines ending CRLF;
/// with an HTML part, a multipart/alternative of the text (first, unchanged)
/// and the HTML (base64, so no line can grow past SMTP's limit).
///
/// The Message-ID is derived from the notification id, so a message re-sent
/// after a crash carries the same Message-ID and mail systems can drop the copy.
public struct EmailMessage: Sendable, Hashable {
    public var from: String
    /// The sender's display name; replaces any name written in `from`.
    public var fromName: String?
    public var to: String
    public var subject: String
    public var text: String
    /// The HTML alternative of `text`; nil sends text alone.
    public var html: String?
    public var notification: LeadNotification
    /// The `Date:` header's instant (when the message is built).
    public var date: Date = Date()

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
            "From: \(fromHeader)",
            "To: \(Self.headerValue(to))",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
        ]
        let textPart = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
        let trailer = [
            "X-Followupd-Notification: \(Self.headerValue(notification.id))",
            "X-Followupd-Kind: \(notification.kind.rawValue)",
            "X-Followupd-Lead: \(Self.headerValue(notification.lead))",
            "",
        ]
        guard let html else {
            lines += textPart + trailer + Self.bodyLines(text)
            if lines.last != "" { lines.append("") }
            return lines.joined(separator: "\r\n")
        }
        let boundary = MIMEBoundary.make(avoiding: text)
        lines += ["Content-Type: multipart/alternative; boundary=\"\(boundary)\""] + trailer
        // The line break before a boundary belongs to the boundary: the text part ends with
        // its own line break, as the text-only body does, so its content is byte for byte the same.
        var body = Self.bodyLines(text)
        if body.last != "" { body.append("") }
        lines += ["--\(boundary)"] + textPart + [""] + body
        lines += ["--\(boundary)", "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64", ""]
        lines += Data(html.utf8).base64EncodedString(options: .lineLength76Characters).components(separatedBy: "\r\n")
        lines += ["--\(boundary)--", ""]
        return lines.joined(separator: "\r\n")
    }

    /// `From:`: `from` as written, or with `fromName` the display name
    /// (``SenderName``) before the bare address.
    var fromHeader: String {
        guard let fromName else { return Self.headerValue(from) }
        return "\(SenderName.encoded(fromName)) <\(Self.headerValue(sender))>"
    }

    /// Header text with every control character (CR, LF, a lone CR, NUL, tab,
    /// DEL, …) made a space: a value built from a lead's or rep's name must
    /// never start a new header, and some relays take a lone CR as a line end.
    static func headerValue(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar)
        }
        return String(out)
    }

    /// The body's lines: CRLF, a lone LF and a lone CR each end one. A lone
    /// CR left in the text would reach the relay as `\r.\r\n`, which relays
    /// that take CR alone as a line end read as the end of the message
    /// ("SMTP smuggling"): what follows would be commands.
    static func bodyLines(_ text: String) -> [String] {
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r":
                lines.append(String(line))
                line = String.UnicodeScalarView()
                afterCR = true
            case "\n":
                if !afterCR {
                    lines.append(String(line))
                    line = String.UnicodeScalarView()
                }
                afterCR = false
            default:
                line.append(scalar)
                afterCR = false
            }
        }
        lines.append(String(line))
        return lines
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
