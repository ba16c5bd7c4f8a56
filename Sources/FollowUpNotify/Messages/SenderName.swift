import Foundation

/// A sender's display name as it may stand before `<address>` in `From:`.
enum SenderName {
    /// Printable ASCII: a quoted string (`"Sales \"East\""`), so `,`, `<`,
    /// `@` or `;` in it cannot split or redirect the address. Anything else: RFC
    /// 2047 encoded words (`=?utf-8?B?…?=`), which may stand in a display name
    /// but not inside quotes. Control characters become spaces first: a name
    /// must never start a new header.
    static func encoded(_ name: String) -> String {
        let clean = EmailMessage.headerValue(name)
        guard clean.unicodeScalars.allSatisfy({ $0.isASCII }) else { return EmailMessage.encodedWord(clean) }
        return "\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// A multipart boundary that occurs nowhere in the text part (which is sent
/// as it is, 8bit): a text holding the boundary would end its part early.
enum MIMEBoundary {
    static func make(avoiding text: String) -> String {
        while true {
            let candidate = "=_followupd_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
            if !text.contains(candidate) { return candidate }
        }
    }
}
