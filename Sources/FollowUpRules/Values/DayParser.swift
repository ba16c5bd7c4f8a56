import FollowUpCore

/// Reads one item of a `days:` list: a day (`sat`) or a range (`mon-fri`).
///
/// Names are the three-letter English ones, in any case. Ranges run forward
/// within one week; `fri-mon` is refused rather than guessed, because it is as
/// likely a slip for `mon-fri` as a wrap over the weekend.
enum DayParser {
    static let example = "write e.g. mon-fri, \"wed, thu\", sat, or a list [wed, thu] (days: mon tue wed thu fri sat sun)"

    /// The days `item` names, in week order.
    static func parse(_ item: String) -> Result<[Weekday], ValueError> {
        let ends = item.split(separator: "-", omittingEmptySubsequences: false).map { String($0).strippingSpaces }
        guard ends.count <= 2 else { return .failure(ValueError("invalid days \"\(item)\"", "; \(example)")) }
        var days: [Weekday] = []
        for end in ends {
            guard let day = Weekday(rawValue: end.lowercased()) else {
                let names = Weekday.allCases.map(\.rawValue)
                let hint = KeySuggestion.aside(for: end.lowercased(), among: names)
                let quoted = end == item ? "\"\(end)\"" : "\"\(end)\" (in \"\(item)\")"
                return .failure(ValueError("unknown day \(quoted)", "\(hint); \(example)"))
            }
            days.append(day)
        }
        guard days.count == 2 else { return .success(days) }
        guard days[0] <= days[1] else {
            func span(_ from: Weekday, _ to: Weekday) -> String { from == to ? from.rawValue : "\(from.rawValue)-\(to.rawValue)" }
            return .failure(ValueError("the day range \"\(item)\" runs backwards",
                                       "; ranges go from Monday towards Sunday, so write "
                                           + "\"\(span(days[0], .sunday)), \(span(.monday, days[1]))\""))
        }
        return .success(Weekday.allCases.filter { $0 >= days[0] && $0 <= days[1] })
    }
}
