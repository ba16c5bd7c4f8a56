/// What followupd accepts as an email address: one bare addr-spec
/// (`user@example.com`), nothing more.
///
/// Addresses travel into SMTP commands (`RCPT TO:<…>`), mail headers and the
/// sendmail command line. A line break in one once let a rep's address speak
/// SMTP itself (`…>\r\nDATA\r\n…`), and a comma makes `sendmail -t` mail
/// several people, so they are checked where they enter (events, imports)
/// and again where they are used (the email receivers). Display names
/// (`Dana <d@x>`), comments, quoted local parts and lists are refused rather
/// than parsed: a CRM sends the bare address.
public enum EmailAddress {
    /// RFC 5321's longest path, less its angle brackets.
    public static let maxLength = 254

    /// Characters that only mean something in lists, display names, comments,
    /// quoted local parts or SMTP syntax; a bare address has none.
    static let structural: Set<Unicode.Scalar> = [",", ";", ":", "<", ">", "(", ")", "[", "]", "\\", "\""]

    /// Why `text` is not one bare email address (a phrase that does not quote
    /// it, since it may hold control characters), or nil when it is one.
    public static func problem(in text: String) -> String? {
        isPlainASCIIAddress(text) ? nil : fullProblem(in: text)
    }

    /// ``problem(in:)`` without the fast path (tests hold the two to the same answers).
    static func fullProblem(in text: String) -> String? {
        if text.isEmpty { return "it is empty" }
        if text.utf8.count > maxLength { return "it is longer than \(maxLength) bytes" }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "it contains a control character (a line break, a NUL, …)"
        }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { return "it contains a space" }
        if let c = text.unicodeScalars.first(where: { structural.contains($0) }) {
            return "it contains \"\(c)\": write one bare address such as user@example.com, without a name, <>, or a list"
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "it must contain exactly one @" }
        let (local, domain) = (parts[0], parts[1])
        if local.isEmpty { return "nothing before the @" }
        if domain.isEmpty { return "nothing after the @" }
        if domain.hasPrefix(".") || domain.hasSuffix(".") || domain.contains("..") || local.hasPrefix(".")
            || local.hasSuffix(".") || local.contains("..") {
            return "a dot at the start or end of a part, or two in a row"
        }
        return nil
    }

    /// The common case in one pass over the bytes (every capture has an email,
    /// so this runs hundreds of thousands of times in a `simulate`): an ASCII
    /// address that breaks no rule above. Anything else, valid or not, is left
    /// to the full check, which also says what is wrong.
    static func isPlainASCIIAddress(_ text: String) -> Bool {
        var at = -1, count = 0, previous: UInt8 = 0x40
        for byte in text.utf8 {
            switch byte {
            case 0x40:  // @
                if at >= 0 || previous == 0x2E || count == 0 { return false }
                at = count
            case 0x2E:  // .
                if previous == 0x2E || previous == 0x40 { return false }
            case 0x21...0x7E:
                switch byte {
                case 0x2C, 0x3B, 0x3A, 0x3C, 0x3E, 0x28, 0x29, 0x5B, 0x5D, 0x5C, 0x22: return false
                default: break
                }
            default:
                return false  // control characters, spaces, non-ASCII: the full check decides
            }
            previous = byte
            count += 1
        }
        return at > 0 && at < count - 1 && previous != 0x2E && count <= maxLength
    }

    /// Whether `text` is one bare email address.
    public static func isValid(_ text: String) -> Bool { problem(in: text) == nil }
}
