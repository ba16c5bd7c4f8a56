import FollowUpCore

/// Reads `ANCHOR [+ DURATION | + first_touch]`, the way steps say when they are
/// due and breached: `capture`, `due + 1d`, `previous_touch + 2d`, `due + first_touch`.
///
/// Only the grammar is checked here; which anchors a given step may use is the
/// policy reader's business, because it knows the step.
enum TimeExpressionParser {
    static let example = "write ANCHOR [+ DURATION], e.g. \"capture\", \"due + 1d\", \"previous_touch + 2d\" or \"due + first_touch\" (anchors: capture, previous_touch, due)"

    static func parse(_ text: String) -> Result<TimeExpression, ValueError> {
        func fail(_ why: String) -> Result<TimeExpression, ValueError> {
            .failure(ValueError("invalid time \"\(text)\"", ": \(why); \(example)"))
        }
        let parts = text.split(separator: "+", omittingEmptySubsequences: false)
            .map { String($0).strippingSpaces }
        guard parts.count <= 2 else { return fail("only one `+` offset is allowed") }
        let anchorText = parts[0]
        if anchorText.contains("-") && TimeExpression.Anchor(rawValue: anchorText) == nil,
           anchorText.split(separator: "-").count == 2 {
            return fail("offsets can only be added with `+`")
        }
        guard let anchor = TimeExpression.Anchor(rawValue: anchorText) else {
            if anchorText.isEmpty { return fail("the anchor is missing") }
            let names = TimeExpression.Anchor.allCases.map(\.rawValue)
            let hint = KeySuggestion.aside(for: anchorText, among: names)
            return fail("unknown anchor \"\(anchorText)\"\(hint)")
        }
        guard parts.count == 2 else { return .success(TimeExpression(anchor: anchor)) }
        let offsetText = parts[1]
        if offsetText == "first_touch" { return .success(TimeExpression(anchor: anchor, offset: .firstTouch)) }
        if offsetText.isEmpty { return fail("nothing follows `+`") }
        switch DurationParser.span(of: offsetText) {
        case .success(let span): return .success(TimeExpression(anchor: anchor, offset: .wall(span)))
        case .failure(let problem) where problem.tooLong: return fail("the offset \"\(offsetText)\" is \(problem.reason)")
        case .failure: return fail("\"\(offsetText)\" is neither a duration nor first_touch")
        }
    }
}
