import FollowUpCore

/// Reads rule-file durations: one or more `<integer><unit>` groups, spaces
/// allowed (`5m`, `1h30m`, `24h`, `1d`, `30 days`, `1h 30m`).
///
/// Every unit is elapsed time (`1d` is 86,400 s); business time is the
/// calendar's business, never the parser's.
enum DurationParser {
    /// Seconds per unit, by every spelling the files accept.
    static let units: [String: Int64] = [
        "s": 1, "sec": 1, "second": 1, "seconds": 1,
        "m": 60, "min": 60, "minute": 60, "minutes": 60,
        "h": 3_600, "hour": 3_600, "hours": 3_600,
        "d": 86_400, "day": 86_400, "days": 86_400,
        "w": 604_800, "week": 604_800, "weeks": 604_800,
    ]

    /// Shown after every duration error, so the fix is in the message.
    static let example = "write e.g. 5m, 1h30m, 24h, 2d or 30 days (units: s, m, h, d, w, or seconds, minutes, hours, days, weeks)"

    /// Why a text denotes no duration, without quoting it.
    struct Problem: Error {
        var reason: String
        /// A well-formed duration beyond ``InputBounds/longestDuration``.
        var tooLong = false
    }

    /// The span `text` denotes, or why it denotes none (a message naming the text).
    static func parse(_ text: String, longest: TimeSpan = InputBounds.longestDuration) -> Result<TimeSpan, ValueError> {
        span(of: text, longest: longest).mapError { ValueError("invalid duration \"\(text)\"", ": \($0.reason); \(example)") }
    }

    /// The span `text` denotes, at most ``InputBounds/longestDuration``: a
    /// longer one once passed `check-rules` and then crashed the engine
    /// adding it to an instant.
    /// `longest` is larger only for settings that are no rule durations
    /// (`retention:`, kept years), never added to an instant by the engine.
    static func span(of text: String, longest: TimeSpan = InputBounds.longestDuration) -> Result<TimeSpan, Problem> {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var total: Int64 = 0
        var groups = 0
        func skipSpaces() { while i < scalars.count, scalars[i] == " " { i += 1 } }
        func fail(_ why: String, tooLong: Bool = false) -> Result<TimeSpan, Problem> {
            .failure(Problem(reason: why, tooLong: tooLong))
        }
        skipSpaces()
        while i < scalars.count {
            var number: Int64 = 0
            let digitsStart = i
            while i < scalars.count, ("0"..."9").contains(scalars[i]) {
                let digit = Int64(scalars[i].value - 48)
                let (times, o1) = number.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(digit)
                if o1 || o2 { return fail("the number is too large (at most \(longest))", tooLong: true) }
                number = plus
                i += 1
            }
            if i == digitsStart {
                return fail(groups == 0 ? "it must start with a whole number" : "expected a number after the unit")
            }
            skipSpaces()
            let unitStart = i
            while i < scalars.count, scalars[i].properties.isAlphabetic { i += 1 }
            let unit = String(String.UnicodeScalarView(scalars[unitStart..<i]))
            if unit.isEmpty { return fail("missing unit after \(number)") }
            guard let size = units[unit] else {
                let hint = KeySuggestion.aside(for: unit, among: units.keys.sorted())
                return fail("unknown unit \"\(unit)\"\(hint)")
            }
            let (seconds, o1) = number.multipliedReportingOverflow(by: size)
            let (sum, o2) = total.addingReportingOverflow(seconds)
            if o1 || o2 || sum > longest.seconds {
                return fail("longer than \(longest), the most a duration may be", tooLong: true)
            }
            total = sum
            groups += 1
            skipSpaces()
        }
        if groups == 0 { return fail("it is empty") }
        return .success(TimeSpan(seconds: total))
    }
}
