
/// The 422 answer to `POST /v1/rules/preview` for rules that do not load
/// (`valid` is false): every problem, `FILE:LINE:COL: …`.
public struct InvalidRulesBody: WireBody, Codable {
    public var valid: Bool
    public var problems: [String]

    public init(valid: Bool, problems: [String]) {
        self.valid = valid
        self.problems = problems
    }
}
