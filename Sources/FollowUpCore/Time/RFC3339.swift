/// Parsing and printing of RFC 3339 timestamps.
///
/// Input: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, `T` and `Z` in either
/// case, a space allowed for `T`. Fractions are truncated to the second toward
/// the past (`…:00.9Z` is `…:00Z`), because everything the core prints and
/// compares is kept to the second. Output is always UTC: `YYYY-MM-DDTHH:MM:SSZ`.
public enum RFC3339 {
    /// Parses a timestamp, or returns nil when `text` is not RFC 3339.
    public static func parse(_ text: String) -> Instant? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Parses a timestamp from UTF-8 bytes.
    public static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Instant? {
        // Fixed part: YYYY-MM-DDTHH:MM:SS = 19 bytes, then zone (≥ 1 byte).
        guard b.count >= 20 else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for i in from..<(from + count) {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let year = digits(0, 4), b[4] == UInt8(ascii: "-"),
              let month = digits(5, 2), b[7] == UInt8(ascii: "-"),
              let day = digits(8, 2),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
              let hour = digits(11, 2), b[13] == UInt8(ascii: ":"),
              let minute = digits(14, 2), b[16] == UInt8(ascii: ":"),
              let second = digits(17, 2),
              CivilDate.isValid(year: year, month: month, day: day),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard b.count - i == 6, let oh = digits(i + 1, 2), b[i + 3] == UInt8(ascii: ":"),
                  let om = digits(i + 4, 2), oh <= 23, om <= 59
            else { return nil }
            offset = (oh * 3_600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        default:
            return nil
        }
        guard i == b.count else { return nil }
        // A leap second (:60) is read as the first second of the next minute.
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        let local = days * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        return Instant(secondsSinceEpoch: local - Int64(offset))
    }

    /// Prints `instant` as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func format(_ instant: Instant) -> String {
        var out = [UInt8]()
        out.reserveCapacity(20)
        append(instant, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `YYYY-MM-DDTHH:MM:SSZ` to a UTF-8 buffer (the fast path of the JSON writer).
    public static func append(_ instant: Instant, to out: inout [UInt8]) {
        let s = instant.secondsSinceEpoch
        let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
        let rest = Int(s - days * 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        func put(_ v: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var v = v
            while divisor > 0 {
                out.append(UInt8(48 + (v / divisor) % 10))
                v %= divisor * 10
                divisor /= 10
            }
        }
        put(date.year, 4); out.append(UInt8(ascii: "-"))
        put(date.month, 2); out.append(UInt8(ascii: "-"))
        put(date.day, 2); out.append(UInt8(ascii: "T"))
        put(rest / 3_600, 2); out.append(UInt8(ascii: ":"))
        put(rest / 60 % 60, 2); out.append(UInt8(ascii: ":"))
        put(rest % 60, 2); out.append(UInt8(ascii: "Z"))
    }
}
