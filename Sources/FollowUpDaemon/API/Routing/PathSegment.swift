import FollowUpCore

/// A percent-encoded segment of a request's path (`L%201`, `%EF%BB%BFC1`),
/// decoded byte for byte, then put in NFC as every id is where it enters
/// (``CanonicalText``).
///
/// Not Foundation's `removingPercentEncoding`: it drops a leading byte-order
/// mark (U+FEFF), so `/v1/leads/%EF%BB%BFC1` named lead `C1`, and erasing
/// the lead captured as "\u{FEFF}C1" erased `C1` instead.
enum PathSegment {
    /// The segment's text, or nil when a `%` is not followed by two hex digits
    /// or the bytes are not UTF-8 (an overlong `%C0%80` included).
    static func decoded(_ raw: some StringProtocol) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var rest = raw.utf8.makeIterator()
        while let byte = rest.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = rest.next().flatMap(hexValue), let low = rest.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self).map(CanonicalText.normalized)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
