import FollowUpCore

/// Reads one item of an `hours:` list, `HH:MM-HH:MM`, and refuses empty or
/// reversed ranges (a range cannot cross midnight: `24:00` ends a day instead).
enum HourRangeParser {
    static let example = "write HH:MM-HH:MM, e.g. 08:00-18:00 (24:00 may end a range)"

    static func parse(_ item: String) -> Result<HourRange, ValueError> {
        guard let range = HourRange(parsing: Substring(item)) else {
            return .failure(ValueError("invalid hours \"\(item)\"", "; \(example)"))
        }
        guard range.from < range.to else {
            return .failure(ValueError(
                "the hours \"\(item)\" are empty",
                ": the start must be before the end (a range cannot cross midnight; split it into ...-24:00 and 00:00-...)"))
        }
        return .success(range)
    }
}
