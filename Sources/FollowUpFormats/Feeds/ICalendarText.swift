public import FollowUpCore
/// Writes iCalendar (RFC 5545) text: CRLF line ends, content lines folded at
/// 75 octets (never inside a UTF-8 sequence), TEXT values escaped.
public struct ICalendarText: Sendable {
    private var out = ""

    public init() {}

    /// The calendar so far; every line ends in CRLF.
    public var text: String { out }

    /// Writes `NAME:value` (or `NAME;PARAMS:value`) with `value` written as is:
    /// escape TEXT values with ``escape(_:)`` first.
    public mutating func line(_ name: String, _ value: String) {
        out += Self.fold(name + ":" + value)
        out += "\r\n"
    }

    /// Writes a TEXT property, escaped.
    public mutating func text(_ name: String, _ value: String) {
        line(name, Self.escape(value))
    }

    /// Writes a UTC DATE-TIME property (`20261124T200000Z`).
    public mutating func dateTime(_ name: String, _ instant: Instant) {
        line(name, Self.dateTime(instant))
    }

    /// `\` `;` `,` and line breaks escaped as RFC 5545 §3.3.11 asks; other control characters dropped.
    public static func escape(_ value: String) -> String {
        var s = ""
        var previousCR = false
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": s += "\\\\"
            case ";": s += "\\;"
            case ",": s += "\\,"
            case "\r": s += "\\n"
            case "\n": if !previousCR { s += "\\n" }
            case "\t": s += " "
            default:
                if scalar.value >= 0x20 && scalar.value != 0x7F { s.unicodeScalars.append(scalar) }
            }
            previousCR = scalar == "\r"
        }
        return s
    }

    /// Folds one content line: at most 75 octets per physical line, each
    /// continuation starting with one space (which counts towards its 75).
    public static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        guard bytes.count > 75 else { return line }
        var pieces: [String] = []
        var start = 0
        var limit = 75
        while start < bytes.count {
            var end = min(start + limit, bytes.count)
            // Never split a UTF-8 sequence: back up over continuation bytes.
            while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            pieces.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = end
            limit = 74
        }
        return pieces.joined(separator: "\r\n ")
    }

    /// `YYYYMMDDTHHMMSSZ`.
    public static func dateTime(_ instant: Instant) -> String {
        let iso = RFC3339.format(instant)  // YYYY-MM-DDTHH:MM:SSZ
        return iso.filter { $0 != "-" && $0 != ":" }
    }
}
